import Foundation

/// A pipe whose reading end is read to the end on a thread of its own, so the child writing
/// into it never blocks on a full pipe while the test is waiting for something else.
final class DrainedPipe: Pipe, @unchecked Sendable {
    private let finished = DispatchSemaphore(value: 0)
    private var data = Data()

    /// Starts reading; call once, after the child has been started.
    func startDraining() {
        let handle = fileHandleForReading
        Thread { [self] in
            data = handle.readDataToEndOfFile()
            finished.signal()
        }.start()
    }

    /// Everything the child wrote, once it has closed its end (blocks until then).
    func collected() -> Data {
        finished.wait()
        finished.signal()
        return data
    }
}
