import Foundation

/// Reads a file's ELF header, so a library built for another machine is named as such rather
/// than through `dlopen`'s terse message.
enum ELFCheck {
    /// The `e_machine` values a plugin is likely to be built for.
    static let machines: [UInt16: String] = [
        3: "x86 (32-bit)", 8: "MIPS", 20: "PowerPC", 21: "PowerPC 64", 22: "s390x", 40: "ARM (32-bit)", 62: "x86-64",
        183: "AArch64 (arm64)", 243: "RISC-V",
    ]

    /// This process's machine, as an ELF `e_machine` value.
    static var host: UInt16? {
        #if arch(x86_64)
        62
        #elseif arch(arm64)
        183
        #elseif arch(riscv64)
        243
        #else
        nil
        #endif
    }

    /// Why the file cannot be this machine's shared library, or nil when its header fits (or it
    /// is not ELF at all, which `dlopen` then reports).
    static func problem(at path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let header = try? handle.read(upToCount: 20), header.count == 20 else { return nil }
        let bytes = [UInt8](header)
        guard bytes[0] == 0x7F, bytes[1] == 0x45, bytes[2] == 0x4C, bytes[3] == 0x46 else { return nil }
        let is64 = bytes[4] == 2
        let little = bytes[5] == 1
        let machine = little ? UInt16(bytes[18]) | UInt16(bytes[19]) << 8 : UInt16(bytes[19]) | UInt16(bytes[18]) << 8
        let type = little ? UInt16(bytes[16]) | UInt16(bytes[17]) << 8 : UInt16(bytes[17]) | UInt16(bytes[16]) << 8
        guard let host else { return nil }
        let hostName = machines[host] ?? "this machine"
        if machine != host {
            let name = machines[machine] ?? "machine type \(machine)"
            return "it is built for \(name), but this host runs on \(hostName); rebuild it on (or cross-compile it for) \(hostName)"
        }
        if !is64 && MemoryLayout<Int>.size == 8 {
            return "it is a 32-bit library, but this host is 64-bit; rebuild it without -m32"
        }
        if type != 3 {
            return "it is an ELF \(type == 2 ? "executable" : "file of type \(type)"), not a shared library; link it with cc -shared -fPIC"
        }
        return nil
    }
}
