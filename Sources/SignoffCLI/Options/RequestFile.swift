import SalesDomain

/// Reads the request file a command was given, or reports why not and exits 65.
enum RequestFile {
    static func read(_ path: String) throws -> Request {
        do {
            return try InputDecoder.request(contentsOf: path)
        } catch {
            Console.error("\(error)")
            throw SignoffExit.invalidInput
        }
    }
}
