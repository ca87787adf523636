import CLuaShim

extension LuaState {
    /// The binary form of a compiled chunk, with debug information (Lua 5.4's `lua_dump` format),
    /// for static analysis such as `LuaBytecode`. Scripts can never load binary chunks.
    public func bytecode(of chunk: LuaChunk) throws(LuaError) -> [UInt8] {
        var buffer = sh_buffer()
        var error = sh_error()
        defer {
            sh_buffer_free(&buffer)
            sh_error_free(&error)
        }
        guard sh_dump(state, chunk.reference, &buffer, &error) == SH_OK, let data = buffer.data else {
            throw .host("cannot dump chunk '\(chunk.name)'")
        }
        return Array(UnsafeBufferPointer(start: data, count: buffer.len))
    }
}
