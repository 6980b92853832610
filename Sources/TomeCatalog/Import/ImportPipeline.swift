import Foundation
import GRDB
import TomeNormalization

/// One book on its way from an import's reading threads to its writing thread.
enum ImportItem: Sendable {
    /// A book to store, new (`replacing == false`) or changed, its rows computed.
    case write(BookRows, position: Int?, replacing: Bool)
    /// A book the catalog already holds exactly so: nothing to compute or write.
    case unchanged(id: Int64, position: Int?)
    /// The source failed here (a bad line, an unreadable file): the import stops.
    case failure(any Error)
}

/// A batch of books in source order, and the worker that prepared it.
struct ImportBatch: Sendable {
    let worker: Int
    let items: [ImportItem]
}

/// The reading side of an import: `workers` threads take turns reading a
/// batch of books from the source (one at a time, under a lock), then each,
/// on its own, validates its batch, computes fingerprints, compares them
/// with the catalog's and computes the rows of new and changed books — the
/// normalization that is most of an import's work, spread over the cores.
/// The writing thread takes the batches back in source order (``next()``),
/// so the import writes, counts and fails exactly as one thread reading
/// line after line would.
///
/// Memory stays flat: a worker waits before handing over a batch while
/// `capacity` batches are ahead of the writer. Written batches go back to
/// the worker that made them, to be freed there: memory freed on the thread
/// (the allocator's arena) that allocated it costs far less.
///
/// The comparison reads the catalog through read-only connections whose
/// snapshot is the state the import's write transaction started from (the
/// workers start after the transaction has taken the write lock, and its
/// writes stay invisible to other connections until it commits): an
/// unchanged book costs a lookup, never a normalization.
final class ImportReaders: @unchecked Sendable {
    /// The source's next book and its position; called under `sourceLock`.
    private let nextBook: () throws -> (book: CatalogBook, position: Int?)?
    /// ``BookSource/positionsAreLines``: positions are line numbers.
    private let positionsAreLines: Bool
    private let pool: DatabasePool?
    private let workers: Int
    private let batchSize: Int
    private let capacity: Int

    private let sourceLock = NSLock()
    private var sourceDone = false
    private var nextSequence = 0

    private let condition = NSCondition()
    private var ready: [Int: ImportBatch] = [:]
    private var spent: [[ImportBatch]]
    private var writerSequence = 0
    private var finishedWorkers = 0
    private var cancelled = false
    private let done = DispatchSemaphore(value: 0)

    /// - Parameters:
    ///   - source: read only by the workers, until ``wait()`` returns.
    ///   - pool: where to compare fingerprints, or nil when every book is new
    ///     (an empty catalog, or `--replace`).
    init<Source: BookSource>(source: UnsafeMutablePointer<Source>, comparingWith pool: DatabasePool?,
                             workers: Int, batchSize: Int = 256, capacity: Int = 6) {
        self.nextBook = {
            guard let book = try source.pointee.next() else { return nil }
            return (book, source.pointee.position)
        }
        self.positionsAreLines = source.pointee.positionsAreLines
        self.pool = pool
        self.workers = max(1, workers)
        self.batchSize = batchSize
        self.capacity = max(capacity, self.workers)
        self.spent = Array(repeating: [], count: self.workers)
    }

    func start() {
        for index in 0..<workers {
            let thread = Thread { [self] in
                work(index)
                condition.lock()
                finishedWorkers += 1
                condition.broadcast()
                condition.unlock()
                done.signal()
            }
            thread.name = "TomeCatalog import reader \(index + 1)"
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// The next batch in source order, waiting for it; nil at the end.
    /// `written`, the batch before, goes back to its worker to be freed.
    func next(returning written: inout ImportBatch?) -> ImportBatch? {
        condition.lock()
        defer { condition.unlock() }
        if let written = written.take() { spent[written.worker].append(written) }
        while ready[writerSequence] == nil && finishedWorkers < workers { condition.wait() }
        guard let batch = ready.removeValue(forKey: writerSequence) else { return nil }
        writerSequence += 1
        condition.broadcast()
        return batch
    }

    /// The writer stops taking batches: waiting workers return.
    func cancel() {
        condition.lock()
        cancelled = true
        ready.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until every worker has finished with the source.
    func wait() {
        for _ in 0..<workers { done.wait() }
    }

    private func work(_ worker: Int) {
        guard let pool else { return work(worker, existing: { _ in nil }) }
        do {
            try pool.read { db in
                let statement = try ImportStatement(db, sql: "SELECT fingerprint, status = 'active' FROM book WHERE id = ?")
                work(worker) { id in
                    statement.bind(id)
                    return try statement.first { text, integer in (text(0), integer(1) != 0) }
                }
            }
        } catch {
            // The read connection failed: report it in place of the next batch.
            sourceLock.lock()
            let sequence = nextSequence
            nextSequence += 1
            sourceDone = true
            sourceLock.unlock()
            _ = hand(ImportBatch(worker: worker, items: [.failure(error)]), as: sequence)
        }
    }

    /// Reads and prepares batches until the source ends; `existing` gives a
    /// stored book's fingerprint and whether it is active.
    private func work(_ worker: Int, existing: (Int64) throws -> (fingerprint: String, active: Bool)?) {
        let maker = BookRowsMaker(normalizer: TextNormalizer.shared)
        var books: [(book: CatalogBook, position: Int?)] = []
        books.reserveCapacity(batchSize)
        while true {
            condition.lock()
            let written = spent[worker]
            spent[worker].removeAll()
            condition.unlock()
            _ = consume written  // freed here, where it was allocated
            books.removeAll(keepingCapacity: true)
            var failure: (any Error)?
            sourceLock.lock()
            guard !sourceDone else { sourceLock.unlock(); return }
            let sequence = nextSequence
            nextSequence += 1
            do {
                while books.count < batchSize, let next = try nextBook() { books.append(next) }
                if books.count < batchSize { sourceDone = true }
            } catch {
                failure = error
                sourceDone = true
            }
            sourceLock.unlock()

            var items: [ImportItem] = []
            items.reserveCapacity(books.count + 1)
            do {
                for (book, position) in books {
                    try book.validate(at: position, lines: positionsAreLines)
                    let fingerprint = book.fingerprint
                    let stored = try existing(book.id)
                    if let stored, stored.active && stored.fingerprint == fingerprint {
                        items.append(.unchanged(id: book.id, position: position))
                    } else {
                        items.append(.write(maker.rows(book, fingerprint: fingerprint), position: position, replacing: stored != nil))
                    }
                }
                if let failure { items.append(.failure(failure)) }
            } catch {
                // A book that fails validation ends the import here.
                items.append(.failure(error))
                sourceLock.lock()
                sourceDone = true
                sourceLock.unlock()
            }
            guard hand(ImportBatch(worker: worker, items: items), as: sequence) else { return }
        }
    }

    /// Hands batch `sequence` to the writer, waiting while `capacity` batches
    /// are ahead of it; false once the writer has given up.
    private func hand(_ batch: ImportBatch, as sequence: Int) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while sequence >= writerSequence + capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        ready[sequence] = batch
        condition.broadcast()
        return true
    }
}
