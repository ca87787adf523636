import Foundation

/// Looks at a database file before SQLite does, so that the common mistakes get a precise message
/// and nothing is written to a file that is not ours: a text file given as `--db`, a database cut
/// short by a failed copy, a file without write permission.
enum DatabaseFileCheck {
    static let magic = Array("SQLite format 3\0".utf8)

    static func check(path: String) throws(StoreError) {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
            let folder = (path as NSString).deletingLastPathComponent
            let parent = folder.isEmpty ? "." : folder
            guard manager.fileExists(atPath: parent, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw .cannotOpen(path: path, detail: "the folder \(parent) does not exist")
            }
            guard manager.isWritableFile(atPath: parent) else { throw .readOnly(path: path) }
            return
        }
        guard !isDirectory.boolValue else { throw .cannotOpen(path: path, detail: "it is a folder") }
        guard manager.isReadableFile(atPath: path) else {
            throw .cannotOpen(path: path, detail: "permission denied (not readable)")
        }
        let header: Data
        let size: UInt64
        do {
            let attributes = try manager.attributesOfItem(atPath: path)
            size = (attributes[.size] as? NSNumber)?.uint64Value ?? 0
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw StoreError.cannotOpen(path: path, detail: "cannot read the file")
            }
            defer { try? handle.close() }
            header = try handle.read(upToCount: 100) ?? Data()
        } catch let error as StoreError {
            throw error
        } catch {
            throw .cannotOpen(path: path, detail: "cannot read the file: \(error.localizedDescription)")
        }
        if size == 0 { return try writable(path) }   // an empty file: SQLite makes it a new database
        let bytes = Array(header)
        guard bytes.count >= magic.count, Array(bytes[0..<magic.count]) == magic else {
            throw .notADatabase(path: path)
        }
        guard bytes.count == 100 else {
            throw .corrupt(path: path, detail: "truncated: only \(size) bytes, shorter than the 100-byte header")
        }
        // Header: page size at 16 (1 means 65536), change counter at 24, page count at 28,
        // version-valid-for at 92. The page count is trustworthy when the two counters agree. With
        // a -wal file present another connection may be mid-checkpoint, so only check without one.
        func u32(_ at: Int) -> UInt64 {
            bytes[at..<at + 4].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        }
        let rawPageSize = UInt64(bytes[16]) << 8 | UInt64(bytes[17])
        let pageSize = rawPageSize == 1 ? 65_536 : rawPageSize
        let pages = u32(28)
        if u32(24) == u32(92), pages > 0, !manager.fileExists(atPath: path + "-wal"),
           pages * pageSize > size {
            throw .corrupt(path: path,
                           detail: "truncated: the header says \(pages * pageSize) bytes, the file has \(size)")
        }
        try writable(path)
    }

    private static func writable(_ path: String) throws(StoreError) {
        guard FileManager.default.isWritableFile(atPath: path) else { throw .readOnly(path: path) }
    }
}
