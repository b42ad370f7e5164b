import BrogueFuzzTargets
import Foundation

/// libFuzzer's entry: one input through `FuzzTarget.config`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    FuzzTarget.config.run(bytes.map { Data(bytes: $0, count: count) } ?? Data())
    return 0
}
