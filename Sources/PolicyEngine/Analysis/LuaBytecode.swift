/// Reads Lua 5.4 binary chunks (`lua_dump` output with debug information) far enough to list,
/// exactly, which globals a script reads and writes and which lines hold code. This is what
/// `signoff check` and coverage stand on: the compiler's own view, not a guess from the text.
///
/// Format: `ldump.c` of Lua 5.4 — header, then the main function: source, line range, code,
/// constants, upvalues, nested functions, debug information (line deltas, absolute lines, local
/// and upvalue names).
public struct LuaBytecode: Sendable {
    /// A global variable access: `_ENV.name` in the compiler's terms.
    public struct GlobalAccess: Sendable, Hashable {
        public var name: String
        public var line: Int
        public var isWrite: Bool
    }

    /// A field read straight off a global, like `string.format`: `base.field` at `line`.
    public struct FieldAccess: Sendable, Hashable {
        public var base: String
        public var field: String
        public var line: Int
    }

    public private(set) var globals: [GlobalAccess] = []
    public private(set) var globalFields: [FieldAccess] = []
    /// Lines holding at least one instruction other than a function's closing implicit return.
    public private(set) var codeLines: Set<Int> = []

    public enum Failure: Error, CustomStringConvertible {
        case malformed(String)
        public var description: String {
            switch self {
            case .malformed(let what): "unreadable bytecode: \(what)"
            }
        }
    }

    public init(_ bytes: [UInt8]) throws(Failure) {
        var reader = Reader(bytes: bytes)
        try reader.header()
        _ = try reader.byte()  // number of upvalues of the main function
        try function(&reader)
    }

    private struct Constant {
        var text: String?
    }

    private mutating func function(_ r: inout Reader) throws(Failure) {
        _ = try r.string()  // source
        let lineDefined = try r.size()
        _ = try r.size()  // last line defined
        _ = try r.byte()  // parameters
        _ = try r.byte()  // vararg
        _ = try r.byte()  // stack size
        let codeCount = try r.size()
        var code: [UInt32] = []
        code.reserveCapacity(codeCount)
        for _ in 0..<codeCount { code.append(try r.u32()) }
        let constantCount = try r.size()
        var constants: [Constant] = []
        for _ in 0..<constantCount {
            let tag = try r.byte()
            switch tag {
            case 0x03, 0x13: try r.skip(8)  // integer, float
            case 0x04, 0x14: constants.append(Constant(text: try r.string())); continue
            case 0x00, 0x01, 0x11: break  // nil, false, true
            default: throw .malformed("constant tag \(tag)")
            }
            constants.append(Constant(text: nil))
        }
        let upvalueCount = try r.size()
        try r.skip(3 * upvalueCount)
        let protoCount = try r.size()
        for _ in 0..<protoCount { try function(&r) }
        // Debug information.
        let lineInfoCount = try r.size()
        var lineDeltas: [Int8] = []
        for _ in 0..<lineInfoCount { lineDeltas.append(Int8(bitPattern: try r.byte())) }
        let absCount = try r.size()
        var absolute: [Int: Int] = [:]
        for _ in 0..<absCount {
            let pc = try r.size()
            absolute[pc] = try r.size()
        }
        let localCount = try r.size()
        for _ in 0..<localCount {
            _ = try r.string()
            _ = try r.size()
            _ = try r.size()
        }
        let upvalueNameCount = try r.size()
        var upvalueNames: [String?] = []
        for _ in 0..<upvalueNameCount { upvalueNames.append(try r.string()) }

        // Lines of each instruction: deltas from the line defined, with absolute entries where
        // the delta is the marker -128 (ABSLINEINFO).
        var lines: [Int] = []
        lines.reserveCapacity(code.count)
        var line = lineDefined
        for pc in 0..<code.count {
            if pc < lineDeltas.count {
                if lineDeltas[pc] == -128 { line = absolute[pc] ?? line } else { line += Int(lineDeltas[pc]) }
            }
            lines.append(line)
        }
        func constantText(_ index: Int) -> String? { index < constants.count ? constants[index].text : nil }
        func isEnv(_ upvalue: Int) -> Bool { upvalue < upvalueNames.count && upvalueNames[upvalue] == "_ENV" }

        // In functions with more than 256 constants a global's name may not fit an operand: the
        // compiler then loads _ENV (GETUPVAL) and the name (LOADK) into registers and indexes
        // with GETTABLE/SETTABLE. Track which registers hold _ENV or a constant name meanwhile.
        var envRegisters = Set<Int>()
        var nameRegisters: [Int: String] = [:]
        // Opcodes that do not write R[A] (stores, jumps, tests, returns, metamethod fallbacks).
        let keepsA: Set<UInt32> = [10, 15, 16, 17, 18, 46, 47, 48, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 70, 71, 72, 78, 82]

        for (pc, instruction) in code.enumerated() {
            let op = instruction & 0x7F
            let a = Int((instruction >> 7) & 0xFF)
            let b = Int((instruction >> 16) & 0xFF)
            let c = Int((instruction >> 24) & 0xFF)
            defer {
                if op == 9, isEnv(b) {  // GETUPVAL A B
                    envRegisters.insert(a)
                    nameRegisters[a] = nil
                } else if op == 3, let name = constantText(Int(instruction >> 15)) {  // LOADK A Bx
                    nameRegisters[a] = name
                    envRegisters.remove(a)
                } else if !keepsA.contains(op) {
                    envRegisters.remove(a)
                    nameRegisters[a] = nil
                }
            }
            let isLast = pc == code.count - 1
            let isReturn = op == 70 || op == 71 || op == 72  // RETURN, RETURN0, RETURN1
            // The closing implicit return and the vararg prologue of the main chunk (placed on
            // line 1 whatever is there) are not lines a person wrote.
            if !(isLast && isReturn) && op != 81 { codeLines.insert(lines[pc]) }
            switch op {
            case 11:  // GETTABUP A B C: R[A] := UpValue[B][K[C]]
                if isEnv(b), let name = constantText(c) {
                    globals.append(GlobalAccess(name: name, line: lines[pc], isWrite: false))
                    // `string.format` compiles to GETTABUP then GETFIELD on the same register.
                    if pc + 1 < code.count {
                        let next = code[pc + 1]
                        if next & 0x7F == 14, Int((next >> 16) & 0xFF) == a, let field = constantText(Int((next >> 24) & 0xFF)) {
                            globalFields.append(FieldAccess(base: name, field: field, line: lines[pc + 1]))
                        }
                    }
                }
            case 15:  // SETTABUP A B C: UpValue[A][K[B]] := RK(C)
                if isEnv(a), let name = constantText(b) {
                    globals.append(GlobalAccess(name: name, line: lines[pc], isWrite: true))
                }
            case 12, 14:  // GETTABLE A B C: R[A] := R[B][R[C]] · GETFIELD A B C: R[A] := R[B][K[C]]
                if envRegisters.contains(b), let name = op == 14 ? constantText(c) : nameRegisters[c] {
                    globals.append(GlobalAccess(name: name, line: lines[pc], isWrite: false))
                }
            case 16, 18:  // SETTABLE A B C: R[A][R[B]] := RK(C) · SETFIELD A B C: R[A][K[B]] := RK(C)
                if envRegisters.contains(a), let name = op == 18 ? constantText(b) : nameRegisters[b] {
                    globals.append(GlobalAccess(name: name, line: lines[pc], isWrite: true))
                }
            default:
                break
            }
        }
    }

    private struct Reader {
        let bytes: [UInt8]
        var position = 0

        mutating func byte() throws(Failure) -> UInt8 {
            guard position < bytes.count else { throw .malformed("truncated") }
            defer { position += 1 }
            return bytes[position]
        }

        mutating func skip(_ n: Int) throws(Failure) {
            guard n >= 0, bytes.count - position >= n else { throw .malformed("truncated") }
            position += n
        }

        mutating func u32() throws(Failure) -> UInt32 {
            var v: UInt32 = 0
            for shift in stride(from: 0, to: 32, by: 8) { v |= UInt32(try byte()) << UInt32(shift) }
            return v
        }

        /// `dumpSize`: 7-bit groups, most significant first, the last byte marked with 0x80.
        mutating func size() throws(Failure) -> Int {
            var value = 0
            for _ in 0..<10 {
                let b = try byte()
                value = (value << 7) | Int(b & 0x7F)
                if b & 0x80 != 0 { return value }
            }
            throw .malformed("size too long")
        }

        mutating func string() throws(Failure) -> String? {
            let n = try size()
            if n == 0 { return nil }
            guard bytes.count - position >= n - 1 else { throw .malformed("truncated string") }
            defer { position += n - 1 }
            return String(decoding: bytes[position..<(position + n - 1)], as: UTF8.self)
        }

        mutating func header() throws(Failure) {
            let signature: [UInt8] = [0x1B, 0x4C, 0x75, 0x61, 0x54, 0x00, 0x19, 0x93, 0x0D, 0x0A, 0x1A, 0x0A, 4, 8, 8]
            for expected in signature where try byte() != expected {
                throw .malformed("not a Lua 5.4 chunk of this machine")
            }
            try skip(16)  // LUAC_INT, LUAC_NUM
        }
    }
}
