/// Where books come from: a JSON Lines file, a Calibre library, a Tome
/// database (each in its folder here, named by ``LibrarySource``), a
/// generator.
///
/// Sources stream: ``next()`` returns one book at a time, so an import's
/// memory does not grow with the size of the source. An import calls
/// ``next()`` (and reads ``position``) from its reading threads, one call at
/// a time, never concurrently, and not after it returns.
public protocol BookSource {
    /// What ``next()`` throws: ``ImportError`` for the library sources of
    /// this module; an import reports any error as a ``CatalogError``.
    associatedtype Failure: Error = ImportError
    /// The next book, or nil at the end.
    mutating func next() throws(Failure) -> CatalogBook?
    /// Where the last book came from (a line number, or for a library
    /// database the book's id: see ``positionsAreLines``), for error messages.
    var position: Int? { get }
    /// Whether ``position`` counts lines (the default); false for a source
    /// whose positions are its books' ids (Calibre, Tome), so that errors
    /// name `book N`, not `line N`.
    var positionsAreLines: Bool { get }
    /// How many files' `ko_md5` the source computed so far.
    var filesHashed: Int { get }
}

extension BookSource {
    public var positionsAreLines: Bool { true }
}
