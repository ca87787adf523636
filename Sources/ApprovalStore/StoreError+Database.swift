import GRDB
import PolicyEngine
import SalesDomain

extension StoreError {
    /// Turns whatever a database operation threw into a `StoreError` about the file at `path`.
    static func wrap(_ error: any Error, path: String) -> StoreError {
        switch error {
        case let error as StoreError: return error
        case let error as InputError: return .input(error)
        case let error as PolicyError: return .policy(error)
        case let error as DatabaseError:
            switch error.resultCode {
            case .SQLITE_NOTADB: return .notADatabase(path: path)
            case .SQLITE_CORRUPT: return .corrupt(path: path, detail: error.message ?? "corrupt pages")
            case .SQLITE_READONLY: return .readOnly(path: path)
            case .SQLITE_BUSY, .SQLITE_LOCKED: return .locked(path: path)
            case .SQLITE_PERM, .SQLITE_AUTH: return .readOnly(path: path)
            default: return .cannotOpen(path: path, detail: error.message ?? "\(error)")
            }
        default:
            return .cannotOpen(path: path, detail: "\(error)")
        }
    }
}
