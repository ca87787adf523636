// Shared between the shim's C files; not part of the Swift-visible interface.
#ifndef CLUASHIM_INTERNAL_H
#define CLUASHIM_INTERNAL_H

#include <lua5.4/lua.h>
#include <lua5.4/lauxlib.h>
#include <lua5.4/lualib.h>
#include "include/CLuaShim.h"

/// Which limit ended the running call (0 = none yet).
enum sh_trip { SH_TRIP_NONE = 0, SH_TRIP_MEMORY, SH_TRIP_INSTRUCTIONS, SH_TRIP_TIMEOUT };

typedef struct sh_coverage sh_coverage;
void sh_coverage_record(sh_coverage *c, const char *source, int line);
void sh_coverage_free(sh_coverage *c);

/// Host-side bookkeeping for one state, reachable from the allocator (its `ud`) and from any
/// thread of the state through `lua_getextraspace`.
typedef struct sh_host {
    size_t in_use;          // bytes currently allocated by the state
    size_t cap;             // allocation cap while a script runs; 0 = none
    int running;            // a script call is in progress
    int refused;            // the last request was refused (see sh_alloc)
    int denied;             // an allocation was refused or failed during the running call
    void *refused_ptr;
    size_t refused_osize, refused_nsize;
    enum sh_trip trip;      // set once a limit is hit; the call then cannot continue
    int64_t remaining;      // instructions left in the budget (when limited)
    int limit_instructions; // whether `remaining` applies
    uint64_t deadline;      // CLOCK_MONOTONIC ns; 0 = none
    int interval;           // count-hook interval
    sh_host_function host;
    void *context;
    sh_buffer *output;      // where `print` writes during a call
    sh_coverage *coverage;  // lines executed, when the host asked for coverage
} sh_host;

sh_host *sh_host_of(lua_State *L);

// Registry keys (light userdata addresses are unique and cannot be forged from Lua).
extern const char SH_KEY_ENV;       // the running call's environment
extern const char SH_KEY_LOADED;    // modules loaded during the running call
extern const char SH_KEY_MODULES;   // compiled module chunks, by name
extern const char SH_KEY_ENVMT;     // metatable of every call environment (its __index is the base)
extern const char SH_KEY_BASE;      // the frozen base environment
extern const char SH_KEY_MONEY;     // the money metatable

// limits.c
void *sh_alloc(void *ud, void *ptr, size_t osize, size_t nsize);
void sh_hook(lua_State *L, lua_Debug *ar);
void sh_arm_limits(lua_State *L, sh_limits limits);
void sh_disarm_limits(lua_State *L);
uint64_t sh_now_ns(void);

// sandbox.c
int sh_build_sandbox(lua_State *L);   // lua_CFunction, run protected at open
int sh_require(lua_State *L);
int sh_call_host(lua_State *L, int id, int nargs); // trampoline body; returns number of results

// money.c
void sh_open_money(lua_State *L);     // creates the metatable; pushes `is_money`, then `money`
void sh_push_money(lua_State *L, int64_t fen);
int sh_to_money(lua_State *L, int index, int64_t *fen); // 1 if the value is money

// wire.c
/// Decodes one wire value at *pos and pushes it; raises a Lua error on malformed input.
void sh_wire_push(lua_State *L, const uint8_t *data, size_t len, size_t *pos, int depth);
/// Decodes a wire value list (u32 count, values) and pushes them; returns the count.
int sh_wire_push_list(lua_State *L, const uint8_t *data, size_t len);
/// Encodes the value at `index`; raises a Lua error naming the path on unsupported values.
void sh_wire_encode(lua_State *L, int index, sh_buffer *out, int depth);
/// Encodes `n` values starting at `first` as a value list.
void sh_wire_encode_list(lua_State *L, int first, int n, sh_buffer *out);

#endif
