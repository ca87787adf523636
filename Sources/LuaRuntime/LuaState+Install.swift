import CLuaShim

extension LuaState {
    /// Runs `chunk` once and makes the globals it defines part of the base every later run sees,
    /// as if the sandbox offered them itself.
    ///
    /// Why: a host's helper library (the policy driver's `approve`, `deviation`, …) would
    /// otherwise be defined again, closure by closure, in every run's fresh environment. Installed
    /// once, the helpers are shared; runs stay isolated because only functions and plain values
    /// (strings, numbers, booleans, money) may be installed — never a table a run could change
    /// for the next — and the installed functions cannot set globals afterwards. State they keep
    /// in their own upvalues is theirs to reset at the start of each run.
    ///
    /// The chunk runs without limits: it is host code, not a script.
    /// - Throws: `LuaError` with the chunk's `file:line` if it fails or defines a table.
    public func install(_ chunk: LuaChunk) throws(LuaError) {
        guard chunk.owner == ObjectIdentifier(self) else {
            throw .host("chunk '\(chunk.name)' was compiled by another LuaState")
        }
        var error = sh_error()
        defer { sh_error_free(&error) }
        guard sh_install(state, chunk.reference, &error) == SH_OK else { throw Self.error(from: error, limits: limits) }
    }
}
