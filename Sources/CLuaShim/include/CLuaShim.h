// The C half of signoff's Lua runtime.
//
// Everything in Lua's C API that can raise an error (allocation, metamethods, `luaL_check*`)
// raises with `longjmp`. A `longjmp` across Swift frames is undefined behaviour, so Swift never
// calls such a function directly: it calls the `sh_*` functions below, which do their work inside
// `lua_pcall` in C frames only. Values cross the boundary as a flat byte encoding (the "wire",
// see wire.c) instead of stack manipulation from Swift. Swift functions exposed to Lua are
// reached through one C trampoline that serialises the arguments, calls Swift (which touches no
// Lua state at all), and only then, back in C, pushes the results or raises the error.
#ifndef CLUASHIM_H
#define CLUASHIM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// An opaque Lua state created by `sh_open`.
typedef struct lua_State sh_state;

/// A growable byte buffer owned by C (`malloc`); release with `sh_buffer_free`.
typedef struct sh_buffer {
    uint8_t *data;
    size_t len;
    size_t cap;
} sh_buffer;

void sh_buffer_free(sh_buffer *buffer);
/// Appends bytes; returns 0 on success, -1 when memory is exhausted.
int sh_buffer_append(sh_buffer *buffer, const void *bytes, size_t len);

/// Why a call ended.
typedef enum sh_status {
    SH_OK = 0,
    SH_ERR_RUNTIME = 1,       ///< the script raised an error (or its error object did)
    SH_ERR_SYNTAX = 2,        ///< the chunk does not compile
    SH_ERR_MEMORY = 3,        ///< the memory cap was reached
    SH_ERR_INSTRUCTIONS = 4,  ///< the instruction budget was spent
    SH_ERR_TIMEOUT = 5,       ///< the wall-clock deadline passed
    SH_ERR_VALUE = 6,         ///< a value could not cross the boundary (message says where)
    SH_ERR_HOST = 7,          ///< the host itself failed (out of memory outside the cap, bad input)
} sh_status;

/// Details of a failed call. Strings are NUL-terminated, `malloc`ed; free with `sh_error_free`.
typedef struct sh_error {
    sh_status status;
    char *message;     ///< the error message, as Lua formatted it ("contract.lua:3: ...")
    char *traceback;   ///< a short Lua traceback, or NULL
    char *source;      ///< chunk name of the innermost Lua frame ("contract.lua"), or NULL
    int line;          ///< its current line, or 0
} sh_error;

void sh_error_free(sh_error *error);

/// Per-call limits. Zero means "no limit" for each field.
typedef struct sh_limits {
    int64_t instructions;   ///< VM instructions the call may execute
    uint64_t timeout_ns;    ///< wall-clock time the call may take
    size_t memory;          ///< bytes the call may allocate beyond what the state held before it
} sh_limits;

/// A host function. `args` holds the wire encoding of the arguments (a value list). On success
/// the function appends a value list to `result` and returns 0; on failure it appends a UTF-8
/// message to `error` and returns 1. It must not call into Lua. `id` -1 is the module loader:
/// one string argument (the module name), result: the source text and the chunk name.
typedef int (*sh_host_function)(void *context, int id, const uint8_t *args, size_t args_len,
                                sh_buffer *result, sh_buffer *error);

/// Creates a sandboxed state (see sandbox.c for exactly what scripts get). Returns NULL and fills
/// `error` when it cannot. `host` may be NULL when no host functions or modules are used.
sh_state *sh_open(sh_host_function host, void *context, sh_error *error);
void sh_close(sh_state *L);

/// Bytes the state currently holds.
size_t sh_memory_in_use(sh_state *L);

/// Compiles a text chunk (binary chunks are refused) named `chunk_name` (e.g. "contract.lua")
/// and keeps it; `*ref` receives its handle. Returns SH_OK or SH_ERR_SYNTAX/SH_ERR_MEMORY.
sh_status sh_compile(sh_state *L, const char *source, size_t source_len, const char *chunk_name,
                     int *ref, sh_error *error);
void sh_release(sh_state *L, int ref);

/// Makes compiled chunk `ref` the module `name` for `require`, so the host's loader is not asked
/// for it (and it is not compiled a second time).
sh_status sh_preload(sh_state *L, const char *name, int ref, sh_error *error);

/// Runs compiled chunk `ref` once (unlimited: host code) in a table of its own, then adds the
/// globals it defined to the base environment every later call sees — helpers defined once per
/// state instead of once per call. Only functions and plain values may be defined; the helpers
/// cannot set globals afterwards. Returns SH_OK, or SH_ERR_RUNTIME/SH_ERR_MEMORY with `error`.
sh_status sh_install(sh_state *L, int ref, sh_error *error);

/// Adds a host function to the base environment every call sees, as global `name`.
sh_status sh_register(sh_state *L, const char *name, int id, sh_error *error);

/// Runs compiled chunk `ref` in a fresh environment: the fields of the wire table `globals`
/// (may be empty), over the frozen base. `args` is a wire value list passed to the chunk. The
/// results are appended to `results` as a wire value list; text the script printed goes to
/// `output`. Limits apply to the script only, not to building the arguments or the results.
sh_status sh_run(sh_state *L, int ref, const uint8_t *globals, size_t globals_len,
                 const uint8_t *args, size_t args_len, sh_limits limits,
                 sh_buffer *results, sh_buffer *output, sh_error *error);

/// Appends the binary chunk (with debug information) of compiled chunk `ref` to `out`, for
/// static analysis by the host. Never offered to scripts.
sh_status sh_dump(sh_state *L, int ref, sh_buffer *out, sh_error *error);

/// Turns line coverage on (recording every line executed by later runs) or off (discarding it).
void sh_set_coverage(sh_state *L, int on);
/// Appends the lines executed so far as text records "chunk\tline\n"; 0 on success.
int sh_coverage_report(sh_state *L, sh_buffer *out);

/// Runs the garbage collector: a full collection when `full`, else one incremental step.
void sh_collect(sh_state *L, int full);

#ifdef __cplusplus
}
#endif

#endif
