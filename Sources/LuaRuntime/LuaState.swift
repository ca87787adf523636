import CLuaShim
import Money

/// A function the host offers to scripts. It receives the call's arguments and returns its
/// results; a thrown error becomes a Lua error at the calling line. It must not use the state.
public typealias LuaHostFunction = ([LuaValue]) throws -> [LuaValue]

/// One sandboxed Lua 5.4 state: compile chunks once, run them many times, each run isolated.
///
/// ## Safety
/// Scripts get a frozen base (`string` without `dump` and with bounded patterns, `table`, `math`
/// without randomness, `utf8`, safe base functions, `money`, a confined `require`); no files,
/// processes, environment, clock, bytecode or debug library. See `Sources/CLuaShim/sandbox.c`.
///
/// ## Limits
/// Each run has an instruction budget (a count hook), a wall-clock deadline (checked by the same
/// hook) and a memory cap (a counting allocator). Once a limit trips, the hook re-arms itself to
/// raise on every instruction, so `pcall`, `xpcall` or `__close` handlers cannot keep the script
/// alive; `__gc` finalizers, which run outside hooks, are refused at `setmetatable`. The error
/// thrown (`LuaError.instructionLimit`, `.timeout`, `.memoryLimit`) is chosen from flags the
/// runtime set, never from the message a script could forge.
///
/// ## No longjmp through Swift
/// Lua reports errors with `longjmp`, which must never cross a Swift frame. Swift therefore calls
/// only the C shim's `sh_*` functions, which perform every raising operation (building tables,
/// calling, reading results) inside `lua_pcall` in C. Values cross as a flat byte encoding rather
/// than by Swift touching the Lua stack. Host functions are reached through a C trampoline: it
/// encodes the arguments, calls Swift (which never touches the state), and only after Swift has
/// returned does it push the results or raise the error Swift reported.
///
/// ## Reuse and isolation
/// Compiled chunks stay in the state. Every run gets a fresh global table whose metatable falls
/// back to the frozen base; library tables are read-only proxies, the string metatable is locked,
/// `rawset` is absent and modules are re-run per call (their compiled code is cached), so nothing
/// one run does is visible to the next. After a run that failed, a full collection releases its
/// garbage.
///
/// A `LuaState` is not thread-safe: use one per thread (it may move between threads).
public final class LuaState {
    let state: OpaquePointer
    private let host: LuaHostBox
    /// The results buffer of the last run, kept for the next: growing a fresh one to a
    /// decision's size (reallocating as it doubles) cost more than encoding into it. Holds at
    /// most `keptResultsCapacity` bytes between runs; a bigger one is freed.
    private var keptResults = sh_buffer()
    private static let keptResultsCapacity = 64 << 10
    /// Limits for runs that do not pass their own.
    public var limits: LuaLimits

    /// - Parameters:
    ///   - modules: where `require` finds modules; `nil` makes every `require` fail.
    ///   - limits: the default limits of each run.
    public init(modules: (any LuaModuleLoader)? = nil, limits: LuaLimits = .default) throws(LuaError) {
        let host = LuaHostBox(modules: modules)
        var error = sh_error()
        defer { sh_error_free(&error) }
        guard let state = sh_open(luaHostCallback, Unmanaged.passUnretained(host).toOpaque(), &error) else {
            throw .host(error.message.map { String(cString: $0) } ?? "could not create a Lua state")
        }
        self.state = state
        self.host = host
        self.limits = limits
    }

    deinit {
        sh_buffer_free(&keptResults)
        sh_close(state)
    }

    /// Bytes the state holds now.
    public var memoryInUse: Int { sh_memory_in_use(state) }

    /// Releases all garbage now (runs also do this after a failure).
    public func collectGarbage() { sh_collect(state, 1) }

    /// Compiles source text (binary chunks are refused) under `chunkName`, the name errors show.
    public func compile(_ source: String, chunkName: String) throws(LuaError) -> LuaChunk {
        var ref: Int32 = 0
        var error = sh_error()
        defer { sh_error_free(&error) }
        var source = source
        let status = source.withUTF8 { text in
            sh_compile(state, text.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) },
                       text.count, chunkName, &ref, &error)
        }
        guard status == SH_OK else { throw Self.error(from: error, limits: limits) }
        return LuaChunk(reference: ref, name: chunkName, owner: ObjectIdentifier(self))
    }

    /// Makes `chunk` what `require(name)` runs, instead of asking the module loader: for a host
    /// that compiled its modules up front (to report syntax errors early) and should not compile
    /// them again on first use.
    public func preload(_ chunk: LuaChunk, asModule name: String) throws(LuaError) {
        guard chunk.owner == ObjectIdentifier(self) else {
            throw .host("chunk '\(chunk.name)' was compiled by another LuaState")
        }
        var error = sh_error()
        defer { sh_error_free(&error) }
        guard sh_preload(state, name, chunk.reference, &error) == SH_OK else { throw Self.error(from: error, limits: limits) }
    }

    /// Makes `function` callable from every script as global `name`.
    public func register(_ name: String, _ function: @escaping LuaHostFunction) throws(LuaError) {
        let id = host.functions.count
        host.functions.append(function)
        var error = sh_error()
        defer { sh_error_free(&error) }
        guard sh_register(state, name, Int32(id), &error) == SH_OK else { throw Self.error(from: error, limits: limits) }
    }

    /// Runs `chunk` with `arguments` in a fresh environment holding only the base.
    public func run(_ chunk: LuaChunk, arguments: [LuaValue] = [], limits: LuaLimits? = nil) throws(LuaError) -> LuaResult {
        try run(chunk, globalsBytes: [], arguments: arguments, limits: limits ?? self.limits)
    }

    /// Runs `chunk` in a fresh environment whose globals are the fields of `globals` (a struct or
    /// dictionary encoded with `LuaValueEncoder`).
    public func run<Globals: Encodable>(
        _ chunk: LuaChunk, globals: Globals, arguments: [LuaValue] = [], limits: LuaLimits? = nil
    ) throws(LuaError) -> LuaResult {
        var writer = LuaWireWriter()
        do {
            try LuaValueEncoder().encodeValue(globals, into: &writer)
        } catch {
            throw .value("globals: \(error)")
        }
        return try run(chunk, globalsBytes: writer.bytes, arguments: arguments, limits: limits ?? self.limits)
    }

    /// Runs `chunk` in a fresh environment whose globals are the fields of the table `globals`
    /// holds: the hot path for a host that writes its globals by hand instead of encoding them.
    /// - Throws: `LuaError.value` when `globals` is not complete (a table left open, no value);
    ///   a value that is not a table fails the run.
    public func run(
        _ chunk: LuaChunk, globals: LuaTableWriter, arguments: [LuaValue] = [], limits: LuaLimits? = nil
    ) throws(LuaError) -> LuaResult {
        guard globals.isComplete else { throw .value("globals: the table writer holds no complete value") }
        return try run(chunk, globalsBytes: globals.wire.bytes, arguments: arguments, limits: limits ?? self.limits)
    }

    /// Runs `chunk` passing one encoded value as its argument (`...` in the chunk).
    public func run<Argument: Encodable>(
        _ chunk: LuaChunk, argument: Argument, limits: LuaLimits? = nil
    ) throws(LuaError) -> LuaResult {
        var writer = LuaWireWriter()
        writer.writeListHeader(count: 1)
        do {
            try LuaValueEncoder().encodeValue(argument, into: &writer)
        } catch {
            throw .value("argument: \(error)")
        }
        return try run(chunk, globalsBytes: [], argumentBytes: writer.bytes, limits: limits ?? self.limits)
    }

    private func run(
        _ chunk: LuaChunk, globalsBytes: [UInt8], arguments: [LuaValue], limits: LuaLimits
    ) throws(LuaError) -> LuaResult {
        var args = LuaWireWriter(capacity: 64)
        args.writeListHeader(count: arguments.count)
        for argument in arguments { args.write(argument) }
        return try run(chunk, globalsBytes: globalsBytes, argumentBytes: args.bytes, limits: limits)
    }

    /// Runs `chunk` like `run(_:globals:arguments:limits:)` with no arguments, but hands its
    /// first result to `body` as a view into the result bytes instead of building a `LuaValue`
    /// tree: for a host that reads a result of known shape field by field. No results reads as
    /// nil; what the script printed is dropped.
    /// - Important: the view, and every view reached through it, is valid only inside `body`.
    /// - Throws: what the run throws, what `body` throws, and `LuaError.host("malformed results")`
    ///   when the result bytes are not a value list (the shim never writes such bytes).
    public func run<Read>(
        _ chunk: LuaChunk, globals: LuaTableWriter, limits: LuaLimits? = nil,
        readingFirst body: (LuaWireValue) throws(LuaError) -> Read
    ) throws(LuaError) -> Read {
        guard globals.isComplete else { throw .value("globals: the table writer holds no complete value") }
        // No results reads as the one byte of nil.
        return try run(chunk, globalsBytes: globals.wire.bytes, argumentBytes: Self.noArguments, limits: limits ?? self.limits) {
            results, _ throws(LuaError) in
            guard results.count >= 4, results.loadUnaligned(as: UInt32.self) > 0 else {
                return try withUnsafeBytes(of: UInt8(ascii: "n")) { bytes throws(LuaError) in try body(LuaWireValue(bytes, at: 0)) }
            }
            return try body(LuaWireValue(results, at: 4))
        }
    }

    /// The wire bytes of an empty argument list.
    private static let noArguments: [UInt8] = [0, 0, 0, 0]

    private func run(
        _ chunk: LuaChunk, globalsBytes: [UInt8], argumentBytes: [UInt8], limits: LuaLimits
    ) throws(LuaError) -> LuaResult {
        try run(chunk, globalsBytes: globalsBytes, argumentBytes: argumentBytes, limits: limits) {
            results, output throws(LuaError) in
            let values: [LuaValue]
            do {
                var reader = LuaWireReader(results)
                values = try reader.readList()
            } catch {
                throw .host("malformed results")
            }
            let printed = output.isEmpty ? "" : String(decoding: output, as: UTF8.self)
            return LuaResult(values: values, output: printed)
        }
    }

    /// Runs `chunk` and hands `body` the bytes of its results (a wire value list; empty when the
    /// shim wrote none) and of what it printed, both valid only inside `body`.
    private func run<Read>(
        _ chunk: LuaChunk, globalsBytes: [UInt8], argumentBytes: [UInt8], limits: LuaLimits,
        _ body: (_ results: UnsafeRawBufferPointer, _ output: UnsafeRawBufferPointer) throws(LuaError) -> Read
    ) throws(LuaError) -> Read {
        guard chunk.owner == ObjectIdentifier(self) else {
            throw .host("chunk '\(chunk.name)' was compiled by another LuaState")
        }
        // Taken, not shared: a run started inside `body` finds no kept buffer and makes its own.
        var results = keptResults
        keptResults = sh_buffer()
        results.len = 0
        var output = sh_buffer()
        var error = sh_error()
        defer {
            if keptResults.data == nil, results.cap <= Self.keptResultsCapacity {
                keptResults = results
            } else {
                sh_buffer_free(&results)
            }
            sh_buffer_free(&output)
            sh_error_free(&error)
        }
        let cLimits = sh_limits(
            instructions: limits.instructions ?? 0,
            timeout_ns: limits.timeout.map(Self.nanoseconds) ?? 0,
            memory: limits.memory ?? 0)
        let status = globalsBytes.withUnsafeBufferPointer { globals in
            argumentBytes.withUnsafeBufferPointer { args in
                sh_run(state, chunk.reference, globals.baseAddress, globals.count, args.baseAddress, args.count,
                       cLimits, &results, &output, &error)
            }
        }
        guard status == SH_OK else { throw Self.error(from: error, limits: limits) }
        return try body(Self.bytes(of: results), Self.bytes(of: output))
    }

    /// The bytes `buffer` holds (none when it is empty or unallocated).
    private static func bytes(of buffer: sh_buffer) -> UnsafeRawBufferPointer {
        guard buffer.len > 0, let data = buffer.data else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: data, count: buffer.len)
    }

    private static func nanoseconds(_ d: Duration) -> UInt64 {
        let (seconds, attoseconds) = d.components
        guard seconds >= 0 else { return 1 }
        return UInt64(seconds) * 1_000_000_000 + UInt64(attoseconds / 1_000_000_000) + 1
    }

    static func error(from e: sh_error, limits: LuaLimits) -> LuaError {
        let raw = e.message.map { String(cString: $0) } ?? "unknown error"
        var script = LuaScriptError.parse(raw)
        if script.chunk == nil, let source = e.source.map({ String(cString: $0) }) {
            script.chunk = source
            script.line = e.line > 0 ? Int(e.line) : nil
        }
        script.traceback = e.traceback.map { String(cString: $0) }
        switch e.status {
        case SH_ERR_SYNTAX: return .syntax(script)
        case SH_ERR_RUNTIME: return .runtime(script)
        case SH_ERR_MEMORY: return .memoryLimit(bytes: limits.memory, at: script.chunk == nil ? nil : script)
        case SH_ERR_INSTRUCTIONS: return .instructionLimit(budget: limits.instructions ?? 0, at: script.chunk == nil ? nil : script)
        case SH_ERR_TIMEOUT: return .timeout(after: limits.timeout ?? .zero, at: script.chunk == nil ? nil : script)
        case SH_ERR_VALUE: return .value(script.description)
        default: return .host(raw)
        }
    }
}

/// A compiled chunk, valid in the `LuaState` that compiled it.
public struct LuaChunk: Sendable, Hashable {
    let reference: Int32
    /// The chunk name errors show (e.g. `contract.lua`).
    public let name: String
    let owner: ObjectIdentifier
}

/// What a run returned: its values and anything it printed.
public struct LuaResult: Sendable, Hashable {
    public var values: [LuaValue]
    /// Text the script wrote with `print` (at most 64 KiB).
    public var output: String

    /// The first returned value, or nil.
    public var first: LuaValue { values.first ?? .nil }

    /// Decodes the value at `index` (0-based) into `T`; errors name the path inside it.
    public func decode<T: Decodable>(_ type: T.Type, at index: Int = 0) throws(LuaError) -> T {
        try LuaValueDecoder().decode(type, from: index < values.count ? values[index] : .nil)
    }
}

extension LuaScriptError {
    /// Splits Lua's "chunk:line: message" form.
    static func parse(_ text: String) -> LuaScriptError {
        let utf8 = Array(text.utf8)
        var i = 0
        while i < utf8.count, utf8[i] != UInt8(ascii: ":"), utf8[i] != UInt8(ascii: "\n") { i += 1 }
        guard i > 0, i < utf8.count, utf8[i] == UInt8(ascii: ":") else { return LuaScriptError(message: text) }
        var j = i + 1
        var line = 0
        while j < utf8.count, utf8[j] >= 0x30, utf8[j] <= 0x39, line < 100_000_000 {
            line = line * 10 + Int(utf8[j] - 0x30)
            j += 1
        }
        guard j > i + 1, j + 1 < utf8.count + 1, j < utf8.count, utf8[j] == UInt8(ascii: ":") else {
            return LuaScriptError(message: text)
        }
        let chunk = String(decoding: utf8[0..<i], as: UTF8.self)
        var rest = j + 1
        if rest < utf8.count, utf8[rest] == UInt8(ascii: " ") { rest += 1 }
        return LuaScriptError(chunk: chunk, line: line, message: String(decoding: utf8[rest...], as: UTF8.self))
    }
}

/// What the C trampoline reaches: the host functions and the module loader of one state.
final class LuaHostBox {
    var functions: [LuaHostFunction] = []
    let modules: (any LuaModuleLoader)?

    init(modules: (any LuaModuleLoader)?) { self.modules = modules }

    func call(id: Int32, arguments: [LuaValue]) throws -> [LuaValue] {
        if id == -1 {
            guard case .string(let name) = arguments.first ?? .nil else { throw LuaError.value("module name must be a string") }
            guard let modules else { throw LuaError.module(name: name, reason: "modules are not available here") }
            let source = try modules.source(ofModule: name)
            return [.string(source.text), .string(source.chunkName)]
        }
        guard id >= 0, Int(id) < functions.count else { throw LuaError.host("unknown host function") }
        return try functions[Int(id)](arguments)
    }
}

/// Runs on the C side's behalf with no Lua frame of Swift's own in between: decode, call, encode.
private let luaHostCallback: sh_host_function = { context, id, args, argsLength, result, error in
    guard let context, let result, let error else { return 1 }
    let host = Unmanaged<LuaHostBox>.fromOpaque(context).takeUnretainedValue()
    do {
        var arguments: [LuaValue] = []
        if let args, argsLength > 0 {
            var reader = LuaWireReader(UnsafeRawBufferPointer(start: args, count: argsLength))
            arguments = try reader.readList()
        }
        let values = try host.call(id: id, arguments: arguments)
        var writer = LuaWireWriter(capacity: 64)
        writer.writeListHeader(count: values.count)
        for value in values { writer.write(value) }
        let appended = writer.bytes.withUnsafeBytes { sh_buffer_append(result, $0.baseAddress, $0.count) }
        return appended == 0 ? 0 : 1
    } catch let failure {
        var message: String
        if case LuaError.module(let name, let reason) = failure {
            message = "module '\(name)' not found: \(reason)"
        } else {
            message = "\(failure)"
        }
        message.withUTF8 { _ = sh_buffer_append(error, $0.baseAddress, $0.count) }
        return 1
    }
}
