import Glibc

/// Jobs run on a few plain threads at once (pthreads: FoundationEssentials has no
/// `Thread`), each result kept at its job's place so the order is the jobs' whatever the
/// order they finish in. No job starts after the deadline; the caller waits no longer than
/// the deadline and `grace`, and a job not finished by then gives nil.
enum BoundedThreads {
    /// Runs `job(0)` … `job(count - 1)`, at most `width` at a time.
    static func run<Value: Sendable>(_ count: Int, width: Int, deadline: Duration, grace: Duration,
                                     _ job: @escaping @Sendable (Int) -> Value) -> [Value?] {
        guard count > 0 else { return [] }
        let batch = Batch<Value>(count: count, workers: min(max(width, 1), count), end: ContinuousClock.now + deadline)
        for _ in 0..<batch.workers {
            DetachedThread.start {
                while let index = batch.next() { batch.store(job(index), at: index) }
                batch.workerDone()
            }
        }
        _ = batch.finished.take(within: deadline + grace)
        return batch.results
    }

    /// The shared state of one run, under its lock.
    private final class Batch<Value: Sendable>: @unchecked Sendable {
        let lock = Lock()
        let workers: Int
        let end: ContinuousClock.Instant
        let finished = Handoff<Bool>()
        private var pending: Int
        private var started = 0
        private var values: [Value?]

        init(count: Int, workers: Int, end: ContinuousClock.Instant) {
            values = Array(repeating: nil, count: count)
            self.workers = workers
            self.end = end
            pending = workers
        }

        /// The next job to run; nil when all have started or the deadline has passed.
        func next() -> Int? {
            lock.withLock {
                guard started < values.count, ContinuousClock.now < end else { return nil }
                started += 1
                return started - 1
            }
        }

        func store(_ value: Value, at index: Int) { lock.withLock { values[index] = value } }

        func workerDone() {
            let last = lock.withLock { pending -= 1; return pending == 0 }
            if last { finished.put(true) }
        }

        /// The results so far, in job order.
        var results: [Value?] { lock.withLock { values } }
    }
}
