import Foundation

@_silgen_name("LLVMFuzzerRunDriver")
private func llvmFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// The body the C callback calls. libFuzzer runs inputs one at a time on one thread, and the
/// callback cannot capture context (it is a C function pointer), hence a global.
nonisolated(unsafe) private var currentBody: ((Data) -> Void)?

/// Hands control to libFuzzer, which calls `body` with each input and exits when done.
/// SwiftPM renames an executable's `main`, so libFuzzer's own `main` cannot be used; its
/// `LLVMFuzzerRunDriver` entry point takes the command line instead (`-runs=N`, corpus dirs).
public func runFuzzer(_ body: @escaping (Data) -> Void) -> Never {
    currentBody = body
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    let status = llvmFuzzerRunDriver(&argc, &argv) { bytes, count in
        let data = bytes.map { Data(bytes: $0, count: count) } ?? Data()
        currentBody?(data)
        return 0
    }
    exit(status)
}
