// Opening states, compiling chunks, and running them under limits: the entry points Swift calls.
// Each entry point does its raising work inside lua_pcall; its own body uses only API calls that
// cannot raise (raw access to existing keys, lua_type, lua_tolstring on real strings, pushes that
// do not allocate), so no longjmp ever leaves C.
#include "internal.h"
#include <stdlib.h>
#include <string.h>

void sh_buffer_free(sh_buffer *b) {
    if (!b) return;
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

int sh_buffer_append(sh_buffer *b, const void *bytes, size_t len) {
    if (len == 0) return 0;
    if (b->len + len > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + len) cap *= 2;
        uint8_t *data = realloc(b->data, cap);
        if (!data) return -1;
        b->data = data;
        b->cap = cap;
    }
    memcpy(b->data + b->len, bytes, len);
    b->len += len;
    return 0;
}

void sh_error_free(sh_error *e) {
    if (!e) return;
    free(e->message);
    free(e->traceback);
    free(e->source);
    e->message = e->traceback = e->source = NULL;
    e->line = 0;
}

static char *copy_text(const char *s) {
    if (!s) return NULL;
    size_t n = strlen(s);
    char *c = malloc(n + 1);
    if (c) memcpy(c, s, n + 1);
    return c;
}

static void set_error(sh_error *e, sh_status status, const char *message) {
    if (!e) return;
    sh_error_free(e);
    e->status = status;
    e->message = copy_text(message);
}

/// Fills `e` from the error value at the top of the stack, without raising.
static void take_error(lua_State *L, sh_error *e, sh_status status) {
    if (!e) { lua_pop(L, 1); return; }
    sh_error_free(e);
    e->status = status;
    int top = lua_gettop(L);
    if (lua_type(L, top) == LUA_TTABLE) {  // from the message handler: {message, traceback, source, line}
        if (lua_rawgeti(L, top, 1) == LUA_TSTRING) e->message = copy_text(lua_tostring(L, -1));
        if (lua_rawgeti(L, top, 2) == LUA_TSTRING) e->traceback = copy_text(lua_tostring(L, -1));
        if (lua_rawgeti(L, top, 3) == LUA_TSTRING) e->source = copy_text(lua_tostring(L, -1));
        if (lua_rawgeti(L, top, 4) == LUA_TNUMBER) e->line = (int)lua_tointeger(L, -1);
    } else if (lua_type(L, top) == LUA_TSTRING) {
        e->message = copy_text(lua_tostring(L, top));
    }
    if (!e->message) e->message = copy_text(status == SH_ERR_MEMORY ? "not enough memory" : "unknown error");
    lua_settop(L, top - 1);
}

static int panic(lua_State *L) {
    (void)L;
    abort();  // unreachable by construction: every raising call runs under lua_pcall
}

sh_state *sh_open(sh_host_function host, void *context, sh_error *error) {
    sh_host *h = calloc(1, sizeof(sh_host));
    if (!h) { set_error(error, SH_ERR_HOST, "not enough memory"); return NULL; }
    h->host = host;
    h->context = context;
    lua_State *L = lua_newstate(sh_alloc, h);
    if (!L) { free(h); set_error(error, SH_ERR_HOST, "not enough memory"); return NULL; }
    *(sh_host **)lua_getextraspace(L) = h;
    lua_atpanic(L, panic);
    lua_pushcfunction(L, sh_build_sandbox);
    if (lua_pcall(L, 0, 0, 0) != LUA_OK) {
        take_error(L, error, SH_ERR_HOST);
        sh_close(L);
        return NULL;
    }
    // Generational collection suits many short calls that leave mostly short-lived garbage.
    lua_gc(L, LUA_GCGEN, 0, 0);
    return L;
}

void sh_close(sh_state *L) {
    if (!L) return;
    sh_host *h = sh_host_of(L);
    lua_close(L);
    sh_coverage_free(h->coverage);
    free(h);
}

size_t sh_memory_in_use(sh_state *L) { return sh_host_of(L)->in_use; }

void sh_collect(sh_state *L, int full) { lua_gc(L, full ? LUA_GCCOLLECT : LUA_GCSTEP, 0); }

typedef struct compile_args {
    const char *source;
    size_t len;
    const char *name;
    int ref;
    int syntax;
} compile_args;

static int compile_protected(lua_State *L) {
    compile_args *a = lua_touserdata(L, 1);
    lua_pushfstring(L, "@%s", a->name);
    if (luaL_loadbufferx(L, a->source, a->len, lua_tostring(L, -1), "t") != LUA_OK) {
        a->syntax = 1;
        return lua_error(L);
    }
    a->ref = luaL_ref(L, LUA_REGISTRYINDEX);
    return 0;
}

sh_status sh_compile(sh_state *L, const char *source, size_t len, const char *name, int *ref, sh_error *error) {
    compile_args a = {source, len, name, LUA_NOREF, 0};
    lua_pushcfunction(L, compile_protected);
    lua_pushlightuserdata(L, &a);
    int status = lua_pcall(L, 1, 0, 0);
    if (status != LUA_OK) {
        sh_status s = status == LUA_ERRMEM ? SH_ERR_MEMORY : SH_ERR_SYNTAX;
        take_error(L, error, s);
        return s;
    }
    *ref = a.ref;
    return SH_OK;
}

static int release_protected(lua_State *L) {
    luaL_unref(L, LUA_REGISTRYINDEX, (int)lua_tointeger(L, 1));
    return 0;
}

void sh_release(sh_state *L, int ref) {
    lua_pushcfunction(L, release_protected);
    lua_pushinteger(L, ref);
    if (lua_pcall(L, 1, 0, 0) != LUA_OK) lua_pop(L, 1);
}

static int preload_protected(lua_State *L) {
    lua_rawgetp(L, LUA_REGISTRYINDEX, &SH_KEY_MODULES);
    lua_pushvalue(L, 1);
    if (lua_rawgeti(L, LUA_REGISTRYINDEX, lua_tointeger(L, 2)) != LUA_TFUNCTION) return luaL_error(L, "unknown chunk");
    lua_rawset(L, -3);
    return 0;
}

/// Runs `f(name, n)` protected: how the host adds a named entry (a module, a host function).
static sh_status call_with_name(sh_state *L, lua_CFunction f, const char *name, int n, sh_error *error) {
    lua_pushcfunction(L, f);
    lua_pushstring(L, name);  // cannot raise: the state's memory is uncapped outside calls
    lua_pushinteger(L, n);
    if (lua_pcall(L, 2, 0, 0) != LUA_OK) {
        take_error(L, error, SH_ERR_HOST);
        return SH_ERR_HOST;
    }
    return SH_OK;
}

sh_status sh_preload(sh_state *L, const char *name, int ref, sh_error *error) {
    return call_with_name(L, preload_protected, name, ref, error);
}

static int message_handler(lua_State *L);

static int refuse_global_write(lua_State *L) {
    return luaL_error(L, "installed functions cannot set globals (tried '%s')",
                      lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : "?");
}

/// Runs the chunk once in its own table P, then publishes P's globals as part of the base every
/// later call sees. Only functions and immutable values (strings, numbers, booleans, money) may be
/// published: a shared table would carry one call's changes into the next.
static int install_protected(lua_State *L) {
    int ref = (int)lua_tointeger(L, 1);
    lua_settop(L, 0);
    lua_newtable(L);                                   // 1: P, the chunk's globals
    lua_createtable(L, 0, 3);                          // 2: P's metatable
    lua_rawgetp(L, LUA_REGISTRYINDEX, &SH_KEY_BASE);
    lua_setfield(L, 2, "__index");
    lua_pushboolean(L, 0);
    lua_setfield(L, 2, "__metatable");
    lua_pushvalue(L, 2);
    lua_setmetatable(L, 1);
    if (lua_rawgeti(L, LUA_REGISTRYINDEX, ref) != LUA_TFUNCTION) return luaL_error(L, "unknown chunk");  // 3
    lua_pushvalue(L, 1);
    if (!lua_setupvalue(L, 3, 1)) lua_pop(L, 1);
    lua_call(L, 0, 0);

    lua_newtable(L);                                   // 3: the new base: the old one, then P
    lua_rawgetp(L, LUA_REGISTRYINDEX, &SH_KEY_BASE);   // 4
    lua_pushnil(L);
    while (lua_next(L, 4) != 0) {
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, 3);
    }
    lua_pop(L, 1);
    lua_pushnil(L);
    while (lua_next(L, 1) != 0) {
        int t = lua_type(L, -1);
        int64_t fen;
        int immutable = t == LUA_TFUNCTION || t == LUA_TSTRING || t == LUA_TNUMBER || t == LUA_TBOOLEAN ||
                        (t == LUA_TUSERDATA && sh_to_money(L, -1, &fen));
        if (lua_type(L, -2) != LUA_TSTRING || !immutable)
            return luaL_error(L, "install: global '%s' is a %s; only functions and plain values can be shared "
                              "between calls", lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : "?",
                              luaL_typename(L, -1));
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, 3);
    }
    // Every call environment now reads through the new base; P's own functions keep P as their
    // _ENV, so P reads through it too and refuses writes (a helper cannot leak state that way).
    lua_rawgetp(L, LUA_REGISTRYINDEX, &SH_KEY_ENVMT);
    lua_pushvalue(L, 3);
    lua_setfield(L, -2, "__index");
    lua_pop(L, 1);
    lua_pushvalue(L, 3);
    lua_setfield(L, 2, "__index");
    lua_pushcfunction(L, refuse_global_write);
    lua_setfield(L, 2, "__newindex");
    lua_pushvalue(L, 3);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &SH_KEY_BASE);
    return 0;
}

sh_status sh_install(sh_state *L, int ref, sh_error *error) {
    int base = lua_gettop(L);
    lua_pushcfunction(L, message_handler);
    lua_pushcfunction(L, install_protected);
    lua_pushinteger(L, ref);
    int status = lua_pcall(L, 1, 0, base + 1);
    if (status != LUA_OK) {
        sh_status s = status == LUA_ERRMEM ? SH_ERR_MEMORY : SH_ERR_RUNTIME;
        take_error(L, error, s);
        lua_settop(L, base);
        return s;
    }
    lua_settop(L, base);
    return SH_OK;
}

static int trampoline(lua_State *L) {
    return sh_call_host(L, (int)lua_tointeger(L, lua_upvalueindex(1)), lua_gettop(L));
}

static int register_protected(lua_State *L) {
    lua_rawgetp(L, LUA_REGISTRYINDEX, &SH_KEY_BASE);
    lua_pushvalue(L, 1);
    lua_pushvalue(L, 2);
    lua_pushcclosure(L, trampoline, 1);
    lua_rawset(L, -3);
    return 0;
}

sh_status sh_register(sh_state *L, const char *name, int id, sh_error *error) {
    return call_with_name(L, register_protected, name, id, error);
}

// Scratch buffers for host calls live as long as the state, so a raise while using them leaks
// nothing. Host functions never re-enter Lua, so one set suffices.
typedef struct sh_scratch {
    sh_buffer args, result, error;
} sh_scratch;

static sh_scratch *scratch_of(lua_State *L) {
    static const char key = 0;
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &key) == LUA_TUSERDATA) {
        sh_scratch *s = lua_touserdata(L, -1);
        lua_pop(L, 1);
        return s;
    }
    lua_pop(L, 1);
    sh_scratch *s = lua_newuserdatauv(L, sizeof(sh_scratch), 0);
    memset(s, 0, sizeof *s);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &key);
    return s;
}

int sh_call_host(lua_State *L, int id, int nargs) {
    sh_host *h = sh_host_of(L);
    if (!h->host) return luaL_error(L, "no host functions are available");
    sh_scratch *s = scratch_of(L);
    s->args.len = s->result.len = s->error.len = 0;
    sh_wire_encode_list(L, lua_gettop(L) - nargs + 1, nargs, &s->args);
    int rc = h->host(h->context, id, s->args.data, s->args.len, &s->result, &s->error);
    if (rc != 0) {
        lua_pushlstring(L, s->error.len ? (const char *)s->error.data : "host function failed", s->error.len ? s->error.len : 20);
        return luaL_error(L, "%s", lua_tostring(L, -1));
    }
    return sh_wire_push_list(L, s->result.data, s->result.len);
}

/// `require(name)`: a module of the host's root, compiled once per state and run once per call in
/// the caller's environment.
int sh_require(lua_State *L) {
    size_t len;
    const char *name = luaL_checklstring(L, 1, &len);
    if (len == 0 || len > 128 || strlen(name) != len)
        return luaL_error(L, "require: invalid module name");
    for (size_t i = 0; i < len; i++) {
        char c = name[i];
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                 (c == '.' && i > 0 && i + 1 < len && name[i - 1] != '.');
        if (!ok) return luaL_error(L, "require: invalid module name '%s' (letters, digits, '_' and '.' only)", name);
    }
    lua_settop(L, 1);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &SH_KEY_LOADED);  // 2
    lua_pushvalue(L, 1);
    if (lua_rawget(L, 2) != LUA_TNIL) {
        if (lua_islightuserdata(L, -1)) return luaL_error(L, "require: module '%s' requires itself (a cycle)", name);
        return 1;
    }
    lua_pop(L, 1);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &SH_KEY_MODULES);  // 3
    lua_pushvalue(L, 1);
    if (lua_rawget(L, 3) != LUA_TFUNCTION) {
        lua_settop(L, 3);
        lua_pushvalue(L, 1);                 // 4: the host's argument
        int n = sh_call_host(L, -1, 1);      // 5: source, 6: chunk name
        if (n != 2 || lua_type(L, 5) != LUA_TSTRING || lua_type(L, 6) != LUA_TSTRING)
            return luaL_error(L, "require: the host returned no source for '%s'", name);
        size_t srclen;
        const char *src = lua_tolstring(L, 5, &srclen);
        const char *chunk = lua_pushfstring(L, "@%s", lua_tostring(L, 6));  // 7
        if (luaL_loadbufferx(L, src, srclen, chunk, "t") != LUA_OK) return lua_error(L);  // 8
        lua_replace(L, 4);
        lua_settop(L, 4);
        lua_pushvalue(L, 1);
        lua_pushvalue(L, 4);
        lua_rawset(L, 3);
    }
    // 4: the module function
    lua_rawgetp(L, LUA_REGISTRYINDEX, &SH_KEY_ENV);
    if (!lua_setupvalue(L, 4, 1)) lua_pop(L, 1);
    lua_pushvalue(L, 1);
    lua_pushlightuserdata(L, (void *)&SH_KEY_LOADED);  // "loading" marker
    lua_rawset(L, 2);
    lua_pushvalue(L, 4);
    lua_pushvalue(L, 1);
    lua_call(L, 1, 1);
    if (lua_isnil(L, -1)) { lua_pop(L, 1); lua_pushboolean(L, 1); }
    lua_pushvalue(L, 1);
    lua_pushvalue(L, -2);
    lua_rawset(L, 2);
    return 1;
}

/// The message handler: {message, traceback, source, line} for the innermost Lua frame.
static int message_handler(lua_State *L) {
    const char *msg = NULL;
    int t = lua_type(L, 1);
    if (t == LUA_TSTRING) {
        msg = lua_tostring(L, 1);
    } else if (t == LUA_TNUMBER) {
        lua_pushvalue(L, 1);
        msg = lua_tostring(L, -1);
    } else if (luaL_getmetafield(L, 1, "__tostring") != LUA_TNIL) {
        lua_pushvalue(L, 1);
        if (lua_pcall(L, 1, 1, 0) == LUA_OK && lua_type(L, -1) == LUA_TSTRING) msg = lua_tostring(L, -1);
        else msg = lua_pushfstring(L, "(error object is a %s value whose __tostring failed)", luaL_typename(L, 1));
    } else {
        msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    }
    int msg_index = lua_gettop(L);
    if (lua_type(L, msg_index) != LUA_TSTRING || lua_tostring(L, msg_index) != msg) {
        lua_pushstring(L, msg);
        msg_index = lua_gettop(L);
    }
    lua_createtable(L, 4, 0);
    int result = lua_gettop(L);
    lua_pushvalue(L, msg_index);
    lua_rawseti(L, result, 1);
    luaL_traceback(L, L, NULL, 1);
    lua_rawseti(L, result, 2);
    lua_Debug ar;
    for (int level = 1; lua_getstack(L, level, &ar); level++) {
        lua_getinfo(L, "Sl", &ar);
        if (ar.currentline > 0) {
            lua_pushstring(L, ar.short_src);
            lua_rawseti(L, result, 3);
            lua_pushinteger(L, ar.currentline);
            lua_rawseti(L, result, 4);
            break;
        }
    }
    return 1;
}

typedef struct run_args {
    int ref;
    const uint8_t *globals;
    size_t globals_len;
    const uint8_t *args;
    size_t args_len;
    sh_buffer *results;
} run_args;

/// Builds the call environment and pushes the chunk and its arguments (returned as results).
static int prepare_protected(lua_State *L) {
    run_args *a = lua_touserdata(L, 1);
    lua_settop(L, 0);
    if (a->globals_len > 0) {
        size_t pos = 0;
        sh_wire_push(L, a->globals, a->globals_len, &pos, 0);
        if (!lua_istable(L, -1)) return luaL_error(L, "the environment must be a table");
    } else {
        lua_newtable(L);
    }
    lua_rawgetp(L, LUA_REGISTRYINDEX, &SH_KEY_ENVMT);
    lua_setmetatable(L, 1);
    lua_pushliteral(L, "_G");
    lua_pushvalue(L, 1);
    lua_rawset(L, 1);
    lua_pushvalue(L, 1);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &SH_KEY_ENV);
    lua_newtable(L);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &SH_KEY_LOADED);
    if (lua_rawgeti(L, LUA_REGISTRYINDEX, a->ref) != LUA_TFUNCTION) return luaL_error(L, "unknown chunk");
    lua_pushvalue(L, 1);
    if (!lua_setupvalue(L, 2, 1)) lua_pop(L, 1);
    lua_remove(L, 1);
    int n = sh_wire_push_list(L, a->args, a->args_len);
    return 1 + n;
}

static int results_protected(lua_State *L) {
    run_args *a = lua_touserdata(L, 1);
    sh_wire_encode_list(L, 2, lua_gettop(L) - 1, a->results);
    return 0;
}

static int reset_protected(lua_State *L) {
    lua_pushnil(L);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &SH_KEY_ENV);
    lua_newtable(L);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &SH_KEY_LOADED);
    return 0;
}

sh_status sh_run(sh_state *L, int ref, const uint8_t *globals, size_t globals_len,
                 const uint8_t *args, size_t args_len, sh_limits limits,
                 sh_buffer *results, sh_buffer *output, sh_error *error) {
    sh_host *h = sh_host_of(L);
    run_args a = {ref, globals, globals_len, args, args_len, results};
    int base = lua_gettop(L);
    sh_status outcome = SH_OK;

    lua_pushcfunction(L, message_handler);  // base + 1
    lua_pushcfunction(L, prepare_protected);
    lua_pushlightuserdata(L, &a);
    int status = lua_pcall(L, 1, LUA_MULTRET, 0);
    if (status != LUA_OK) {
        take_error(L, error, status == LUA_ERRMEM ? SH_ERR_MEMORY : SH_ERR_VALUE);
        outcome = error ? error->status : SH_ERR_VALUE;
        goto done;
    }
    int nargs = lua_gettop(L) - base - 2;

    h->output = output;
    sh_arm_limits(L, limits);
    status = lua_pcall(L, nargs, LUA_MULTRET, base + 1);
    sh_disarm_limits(L);
    h->output = NULL;

    enum sh_trip trip = h->trip;
    h->trip = SH_TRIP_NONE;
    if (trip != SH_TRIP_NONE || status != LUA_OK) {
        sh_status s = SH_ERR_RUNTIME;
        // LUA_ERRMEM alone proves nothing: lua_error turns the error value "not enough memory"
        // into LUA_ERRMEM, so a script can forge it. Only an allocation that really failed counts.
        if (trip == SH_TRIP_MEMORY || (trip == SH_TRIP_NONE && status == LUA_ERRMEM && h->denied)) s = SH_ERR_MEMORY;
        else if (trip == SH_TRIP_INSTRUCTIONS) s = SH_ERR_INSTRUCTIONS;
        else if (trip == SH_TRIP_TIMEOUT) s = SH_ERR_TIMEOUT;
        if (status != LUA_OK) take_error(L, error, s);
        else set_error(error, s, "limit reached");
        outcome = s;
        goto done;
    }

    int nresults = lua_gettop(L) - base - 1;
    lua_pushcfunction(L, results_protected);
    lua_insert(L, base + 2);
    lua_pushlightuserdata(L, &a);
    lua_insert(L, base + 3);
    status = lua_pcall(L, nresults + 1, 0, 0);
    if (status != LUA_OK) {
        take_error(L, error, status == LUA_ERRMEM ? SH_ERR_MEMORY : SH_ERR_VALUE);
        outcome = error ? error->status : SH_ERR_VALUE;
    }

done:
    lua_settop(L, base);
    lua_pushcfunction(L, reset_protected);
    if (lua_pcall(L, 0, 0, 0) != LUA_OK) lua_settop(L, base);
    // After a failure the state may hold a lot of garbage (a runaway table, say): release it now
    // so the next call starts from the usual footprint.
    if (outcome != SH_OK) lua_gc(L, LUA_GCCOLLECT, 0);
    return outcome;
}
