import BrogueFuzzTargets
import Foundation

/// libFuzzer's entry: one input through `FuzzTarget.gameImport`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    FuzzTarget.gameImport.run(bytes.map { Data(bytes: $0, count: count) } ?? Data())
    return 0
}
