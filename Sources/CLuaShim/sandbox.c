// The frozen base environment every script call sees.
//
// Offered: the safe base functions, `string` (no `dump`; pattern functions only where their cost
// is bounded), `table` (insert/remove/move with bounded loops), `math` (no `random`/`randomseed`), `utf8`, plus `money`, `is_money`,
// `require` (modules inside the host's root only), `caller_location` and a `print` that the host
// captures. Not offered: io, os, debug, package, coroutine, dofile, loadfile, rawset, warn,
// string.dump, binary chunks, `__gc` finalizers, and collectgarbage beyond "count".
//
// Libraries are reached through read-only proxies and the string metatable is locked, so a call
// cannot change what the next call sees. `pairs` visits keys in sorted order and `tostring` (and
// `string.format("%s")`) print no addresses, so the same inputs give byte-identical results in every process (Lua
// seeds its string hashes per process, so raw `next` order differs between runs).
#include "internal.h"
#include <stdlib.h>
#include <string.h>

const char SH_KEY_ENV = 0, SH_KEY_LOADED = 0, SH_KEY_MODULES = 0, SH_KEY_ENVMT = 0, SH_KEY_BASE = 0;

/// Work a pattern function may do, roughly (subject_length + 1)^(quantifiers + 1) × (pattern_length
/// + 1) steps: every start position, every expansion of every repetition item, each followed by a
/// walk along the rest of the pattern (a plain find is the case of no repetition items). Matching
/// happens inside one C call where no hook can stop it, so the cost is bounded up front.
#define SH_PATTERN_BUDGET 1000000000.0
#define SH_REP_MAX (1u << 20)
/// Elements table.insert/remove/move may shift or copy in one call: they loop in C, where no hook
/// fires, and a table's length (a border, or `__len`) can be huge while it holds few elements.
#define SH_TABLE_SHIFT_MAX (1 << 20)
#define SH_PRINT_MAX (64u << 10)

static int readonly(lua_State *L) {
    return luaL_error(L, "the '%s' library is shared by every evaluation and cannot be changed",
                      lua_tostring(L, lua_upvalueindex(1)));
}

/// Replaces the library table at the top of the stack by a read-only proxy.
static void make_proxy(lua_State *L, const char *name) {
    int lib = lua_gettop(L);
    lua_newtable(L);                 // proxy
    lua_createtable(L, 0, 3);        // its metatable
    lua_pushvalue(L, lib);
    lua_setfield(L, -2, "__index");
    lua_pushstring(L, name);
    lua_pushcclosure(L, readonly, 1);
    lua_setfield(L, -2, "__newindex");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);
    lua_replace(L, lib);
}

static void copy_fields(lua_State *L, int from, int to, const char *const *names) {
    for (; *names; names++) {
        lua_getfield(L, from, *names);
        lua_setfield(L, to, *names);
    }
}

// ---- string ---------------------------------------------------------------------------------

static int count_quantifiers(const char *p, size_t n) {
    int k = 0;
    for (size_t i = 0; i < n; i++) {
        char c = p[i];
        if (c == '%') { i++; if (i < n && (p[i] == 'b' || p[i] == 'f')) k++; continue; }
        if (c == '[') {
            i++;
            if (i < n && p[i] == '^') i++;
            if (i < n && p[i] == ']') i++;
            while (i < n && p[i] != ']') { if (p[i] == '%') i++; i++; }
            continue;
        }
        if (c == '*' || c == '+' || c == '-' || c == '?') k++;
    }
    return k;
}

static void check_pattern_cost(lua_State *L, const char *fname, int subject, int pattern, int plain) {
    size_t n, m;
    luaL_checklstring(L, subject, &n);
    const char *p = luaL_checklstring(L, pattern, &m);
    int k = plain ? 0 : count_quantifiers(p, m);
    double cost = (double)(m + 1);
    for (int i = 0; i <= k; i++) cost *= (double)(n + 1);
    if (cost > SH_PATTERN_BUDGET)
        luaL_error(L, "string.%s: a %d-byte pattern with %d repetition items is too costly for a %d-byte subject "
                      "(use a shorter pattern, or split the text first)", fname, (int)m, k, (int)n);
}

static int str_find(lua_State *L) {
    check_pattern_cost(L, "find", 1, 2, lua_toboolean(L, 4));
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
}

static int str_pattern(lua_State *L) {
    check_pattern_cost(L, lua_tostring(L, lua_upvalueindex(2)), 1, 2, 0);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
}

static int str_rep(lua_State *L) {
    size_t len, seplen = 0;
    luaL_checklstring(L, 1, &len);
    lua_Integer n = luaL_checkinteger(L, 2);
    luaL_optlstring(L, 3, "", &seplen);
    if (n > 0 && len + seplen == 0) {  // Lua would still loop n times copying nothing
        lua_pushliteral(L, "");
        return 1;
    }
    if (n > 0 && ((double)len + (double)seplen) * (double)n > (double)SH_REP_MAX)
        return luaL_error(L, "string.rep: result would exceed %d bytes", (int)SH_REP_MAX);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
}

/// Replaces argument `arg` by what the sandbox's `tostring` shows when the standard `%s` would
/// print an address ("table: 0x55…"); values with `__tostring` are left to it.
static void format_without_address(lua_State *L, int arg) {
    int t = lua_type(L, arg);
    if (t != LUA_TTABLE && t != LUA_TFUNCTION && t != LUA_TUSERDATA && t != LUA_TTHREAD && t != LUA_TLIGHTUSERDATA)
        return;
    if (luaL_getmetafield(L, arg, "__tostring") != LUA_TNIL) {
        lua_pop(L, 1);
        return;
    }
    int name = luaL_getmetafield(L, arg, "__name");
    if (name != LUA_TSTRING) {
        if (name != LUA_TNIL) lua_pop(L, 1);
        lua_pushstring(L, lua_typename(L, t));
    }
    lua_replace(L, arg);
}

static int str_format(lua_State *L) {
    size_t n;
    const char *f = luaL_checklstring(L, 1, &n);
    int arg = 1;  // each conversion but %% takes the next argument
    for (size_t i = 0; i + 1 < n; i++) {
        if (f[i] != '%') continue;
        i++;
        if (f[i] == '%') continue;
        arg++;
        while (i < n && strchr("-+ #0123456789.", f[i])) i++;
        if (i < n && f[i] == 'p') return luaL_error(L, "string.format: '%%p' (an address) is not available");
        if (i < n && f[i] == 's' && arg <= lua_gettop(L)) format_without_address(L, arg);
    }
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
}

static void wrap(lua_State *L, int lib, const char *name, lua_CFunction f) {
    lua_getfield(L, lib, name);
    lua_pushcclosure(L, f, 1);
    lua_setfield(L, lib, name);
}

static void wrap_pattern(lua_State *L, int lib, const char *name) {
    lua_getfield(L, lib, name);
    lua_pushstring(L, name);
    lua_pushcclosure(L, str_pattern, 2);
    lua_setfield(L, lib, name);
}

// ---- table --------------------------------------------------------------------------------------

/// `#t` as the standard table.insert/remove compute it (honouring `__len`).
static lua_Integer shift_length(lua_State *L) {
    if (lua_type(L, 1) != LUA_TTABLE) {
        if (!lua_getmetatable(L, 1)) luaL_checktype(L, 1, LUA_TTABLE);
        lua_pop(L, 1);
    }
    return luaL_len(L, 1);
}

static void check_shift(lua_State *L, const char *fname, lua_Unsigned count) {
    if (count > (lua_Unsigned)SH_TABLE_SHIFT_MAX)
        luaL_error(L, "table.%s: would move more than %d elements in one call", fname, SH_TABLE_SHIFT_MAX);
}

/// The standard table.insert, with the shift bounded.
static int tab_insert(lua_State *L) {
    lua_Integer e = (lua_Integer)((lua_Unsigned)shift_length(L) + 1u);  // first empty element
    lua_Integer pos;
    switch (lua_gettop(L)) {
    case 2: pos = e; break;
    case 3:
        pos = luaL_checkinteger(L, 2);
        luaL_argcheck(L, (lua_Unsigned)pos - 1u < (lua_Unsigned)e, 2, "position out of bounds");
        if (e > pos) check_shift(L, "insert", (lua_Unsigned)e - (lua_Unsigned)pos);
        for (lua_Integer i = e; i > pos; i--) {
            lua_geti(L, 1, i - 1);
            lua_seti(L, 1, i);
        }
        break;
    default: return luaL_error(L, "wrong number of arguments to 'insert'");
    }
    lua_seti(L, 1, pos);
    return 0;
}

/// The standard table.remove, with the shift bounded.
static int tab_remove(lua_State *L) {
    lua_Integer size = shift_length(L);
    lua_Integer pos = luaL_optinteger(L, 2, size);
    if (pos != size) luaL_argcheck(L, (lua_Unsigned)pos - 1u <= (lua_Unsigned)size, 2, "position out of bounds");
    if (size > pos) check_shift(L, "remove", (lua_Unsigned)size - (lua_Unsigned)pos);
    lua_geti(L, 1, pos);
    for (; pos < size; pos++) {
        lua_geti(L, 1, pos + 1);
        lua_seti(L, 1, pos);
    }
    lua_pushnil(L);
    lua_seti(L, 1, pos);
    return 1;
}

/// table.move with the count bounded; the standard function does the rest.
static int tab_move(lua_State *L) {
    lua_Integer f = luaL_checkinteger(L, 2);
    lua_Integer e = luaL_checkinteger(L, 3);
    if (e >= f) check_shift(L, "move", (lua_Unsigned)e - (lua_Unsigned)f);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
}

// ---- base -------------------------------------------------------------------------------------

static int base_setmetatable(lua_State *L) {
    if (lua_type(L, 2) == LUA_TTABLE) {
        lua_pushliteral(L, "__gc");
        if (lua_rawget(L, 2) != LUA_TNIL)
            return luaL_error(L, "setmetatable: __gc finalizers are not allowed in policy scripts");
        lua_pop(L, 1);
    }
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
}

/// The message handler given to the real xpcall. When a limit trips, the hook raises the error
/// from inside itself, so Lua calls the message handler with hooks disabled (`allowhook` is only
/// restored when a protected call catches the error): a script's handler that loops would then
/// run unstopped. Once a limit has tripped, the error therefore passes through untouched.
static int xpcall_handler(lua_State *L) {
    if (sh_host_of(L)->trip != SH_TRIP_NONE) return 1;  // the error value, as it is
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
}

/// `xpcall(f, msgh, ...)` with the script's handler wrapped by `xpcall_handler`.
static int base_xpcall(lua_State *L) {
    int n = lua_gettop(L);
    luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_pushvalue(L, 2);
    lua_pushcclosure(L, xpcall_handler, 1);
    lua_replace(L, 2);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, n, LUA_MULTRET);
    return lua_gettop(L);
}

/// Like the standard `tostring`, but without addresses ("table", not "table: 0x55…").
static int base_tostring(lua_State *L) {
    luaL_checkany(L, 1);
    int t = lua_type(L, 1);
    if (t == LUA_TTABLE || t == LUA_TFUNCTION || t == LUA_TUSERDATA || t == LUA_TTHREAD) {
        if (luaL_getmetafield(L, 1, "__tostring") == LUA_TNIL) {
            if (luaL_getmetafield(L, 1, "__name") == LUA_TSTRING) return 1;
            lua_pushstring(L, lua_typename(L, t));
            return 1;
        }
        lua_pop(L, 1);
    }
    luaL_tolstring(L, 1, NULL);
    return 1;
}

static int base_print(lua_State *L) {
    sh_host *h = sh_host_of(L);
    int n = lua_gettop(L);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    for (int i = 1; i <= n; i++) {
        lua_pushcfunction(L, base_tostring);
        lua_pushvalue(L, i);
        lua_call(L, 1, 1);
        if (i > 1) luaL_addchar(&b, '\t');
        luaL_addvalue(&b);
    }
    luaL_addchar(&b, '\n');
    luaL_pushresult(&b);
    if (h->output && h->output->len < SH_PRINT_MAX) {
        size_t len;
        const char *s = lua_tolstring(L, -1, &len);
        if (h->output->len + len > SH_PRINT_MAX) len = SH_PRINT_MAX - h->output->len;
        if (sh_buffer_append(h->output, s, len) != 0) return luaL_error(L, "not enough memory");
    }
    return 0;
}

/// `load` for text chunks only; without an explicit environment the chunk runs in the caller's.
static int base_load(lua_State *L) {
    if (lua_type(L, 1) != LUA_TSTRING)
        return luaL_error(L, "load: only source text (a string) can be loaded in policy scripts");
    size_t len;
    const char *s = lua_tolstring(L, 1, &len);
    const char *name = luaL_optstring(L, 2, "=(load)");
    int has_env = !lua_isnone(L, 4);
    if (luaL_loadbufferx(L, s, len, name, "t") != LUA_OK) {
        luaL_pushfail(L);
        lua_insert(L, -2);
        return 2;
    }
    if (has_env) lua_pushvalue(L, 4);
    else lua_rawgetp(L, LUA_REGISTRYINDEX, &SH_KEY_ENV);
    if (!lua_setupvalue(L, -2, 1)) lua_pop(L, 1);
    return 1;
}

static int base_collectgarbage(lua_State *L) {
    const char *opt = luaL_optstring(L, 1, "collect");
    if (strcmp(opt, "count") != 0)
        return luaL_error(L, "collectgarbage: only \"count\" is available in policy scripts");
    lua_pushnumber(L, (lua_Number)sh_host_of(L)->in_use / 1024.0);
    return 1;
}

typedef struct sh_key {
    int type;
    lua_Integer i;
    lua_Number n;
    const char *s;
    size_t len;
    int order;  // position in `next` order, the tie-breaker for keys without a natural order
} sh_key;

static int key_rank(int type) {
    switch (type) {
    case LUA_TNUMBER: return 0;
    case LUA_TSTRING: return 1;
    case LUA_TBOOLEAN: return 2;
    default: return 3;
    }
}

static int compare_keys(const void *pa, const void *pb) {
    const sh_key *a = pa, *b = pb;
    int ra = key_rank(a->type), rb = key_rank(b->type);
    if (ra != rb) return ra < rb ? -1 : 1;
    switch (a->type) {
    case LUA_TNUMBER:
        if (a->s == NULL && b->s == NULL) {  // both integers (s is used as a float marker below)
            if (a->i != b->i) return a->i < b->i ? -1 : 1;
        } else if (a->n != b->n) {
            return a->n < b->n ? -1 : 1;
        }
        break;
    case LUA_TSTRING: {
        size_t m = a->len < b->len ? a->len : b->len;
        int c = memcmp(a->s, b->s, m);
        if (c != 0) return c;
        if (a->len != b->len) return a->len < b->len ? -1 : 1;
        break;
    }
    case LUA_TBOOLEAN:
        if (a->i != b->i) return a->i < b->i ? -1 : 1;
        break;
    }
    return a->order < b->order ? -1 : (a->order > b->order);
}

static int sorted_next(lua_State *L) {
    // upvalues: 1 the table, 2 its keys in order, 3 the position
    lua_Integer pos = lua_tointeger(L, lua_upvalueindex(3));
    for (;;) {
        pos++;
        if (lua_rawgeti(L, lua_upvalueindex(2), pos) == LUA_TNIL) return 0;
        lua_pushvalue(L, -1);
        if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL) break;  // skip keys removed meanwhile
        lua_pop(L, 2);
    }
    lua_pushinteger(L, pos);
    lua_replace(L, lua_upvalueindex(3));
    return 2;
}

/// `pairs` in a deterministic order: numbers ascending, then strings bytewise, then booleans.
static int base_pairs(lua_State *L) {
    luaL_checkany(L, 1);
    if (luaL_getmetafield(L, 1, "__pairs") != LUA_TNIL) {
        lua_pushvalue(L, 1);
        lua_call(L, 1, 3);
        return 3;
    }
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 1);
    lua_newtable(L);  // 2: keys in next order
    int n = 0;
    lua_pushnil(L);
    while (lua_next(L, 1) != 0) {
        lua_pop(L, 1);
        lua_pushvalue(L, -1);
        lua_rawseti(L, 2, ++n);
    }
    sh_key *keys = (sh_key *)lua_newuserdatauv(L, sizeof(sh_key) * (size_t)(n > 0 ? n : 1), 0); // 3
    for (int i = 0; i < n; i++) {
        lua_rawgeti(L, 2, i + 1);
        sh_key *k = &keys[i];
        memset(k, 0, sizeof *k);
        k->type = lua_type(L, -1);
        k->order = i;
        if (k->type == LUA_TNUMBER) {
            if (lua_isinteger(L, -1)) { k->i = lua_tointeger(L, -1); k->n = (lua_Number)k->i; }
            else { k->n = lua_tonumber(L, -1); k->s = ""; }
        } else if (k->type == LUA_TSTRING) {
            k->s = lua_tolstring(L, -1, &k->len);  // kept alive by the keys table
        } else if (k->type == LUA_TBOOLEAN) {
            k->i = lua_toboolean(L, -1);
        }
        lua_pop(L, 1);
    }
    qsort(keys, (size_t)n, sizeof(sh_key), compare_keys);
    lua_createtable(L, n, 0);  // 4: keys sorted
    for (int i = 0; i < n; i++) {
        lua_rawgeti(L, 2, keys[i].order + 1);
        lua_rawseti(L, 4, i + 1);
    }
    lua_pushvalue(L, 1);
    lua_pushvalue(L, 4);
    lua_pushinteger(L, 0);
    lua_pushcclosure(L, sorted_next, 3);
    lua_pushnil(L);
    lua_pushnil(L);
    return 3;
}

/// `caller_location(level [, skipping])`: "contract.lua:42" for the Lua function `level` frames
/// up (1 = the function that called caller_location), or nil. With `skipping` (a chunk name such
/// as "driver.lua"), frames of that chunk and frames without a line are passed over: the result is
/// the nearest other Lua frame from `level` up, and its level as a second value — how a helper
/// library names the script line that called it, in one call instead of one per frame.
static int base_caller_location(lua_State *L) {
    lua_Integer level = luaL_optinteger(L, 1, 1);
    size_t skip_len = 0;
    const char *skip = luaL_optlstring(L, 2, NULL, &skip_len);
    lua_Debug ar;
    if (level < 0 || level > 1000000) return 0;
    for (int at = (int)level; lua_getstack(L, at, &ar); at++) {
        lua_getinfo(L, "Sl", &ar);
        if (skip == NULL) {
            if (ar.currentline <= 0) return 0;
            lua_pushfstring(L, "%s:%d", ar.short_src, ar.currentline);
            return 1;
        }
        if (ar.currentline <= 0 || strcmp(ar.short_src, skip) == 0) continue;
        lua_pushfstring(L, "%s:%d", ar.short_src, ar.currentline);
        lua_pushinteger(L, at);
        return 2;
    }
    return 0;
}

int sh_build_sandbox(lua_State *L) {
    luaL_requiref(L, "_G", luaopen_base, 0);        // 1: the real globals (discarded below)
    luaL_requiref(L, "string", luaopen_string, 0);  // 2
    luaL_requiref(L, "table", luaopen_table, 0);    // 3
    luaL_requiref(L, "math", luaopen_math, 0);      // 4
    luaL_requiref(L, "utf8", luaopen_utf8, 0);      // 5
    lua_newtable(L);                                // 6: the base
    int G = 1, STR = 2, TAB = 3, MATH = 4, UTF8 = 5, BASE = 6;

    static const char *const base_names[] = {
        "assert", "error", "getmetatable", "ipairs", "next", "pcall", "rawequal", "rawget",
        "rawlen", "select", "tonumber", "type", "_VERSION", NULL};
    copy_fields(L, G, BASE, base_names);
    lua_getfield(L, G, "xpcall");
    lua_pushcclosure(L, base_xpcall, 1);
    lua_setfield(L, BASE, "xpcall");
    lua_getfield(L, G, "setmetatable");
    lua_pushcclosure(L, base_setmetatable, 1);
    lua_setfield(L, BASE, "setmetatable");
    static const luaL_Reg own[] = {
        {"tostring", base_tostring}, {"print", base_print}, {"load", base_load},
        {"collectgarbage", base_collectgarbage}, {"pairs", base_pairs},
        {"require", sh_require}, {"caller_location", base_caller_location}, {NULL, NULL}};
    lua_pushvalue(L, BASE);
    luaL_setfuncs(L, own, 0);
    lua_pop(L, 1);
    sh_open_money(L);
    lua_setfield(L, BASE, "money");
    lua_setfield(L, BASE, "is_money");

    // string: a copy without dump, with bounded pattern functions and rep.
    lua_newtable(L);
    int SSTR = lua_gettop(L);
    static const char *const string_names[] = {
        "byte", "char", "find", "format", "gmatch", "gsub", "len", "lower", "match", "rep",
        "reverse", "sub", "upper", "pack", "packsize", "unpack", NULL};
    copy_fields(L, STR, SSTR, string_names);
    wrap(L, SSTR, "find", str_find);
    wrap(L, SSTR, "rep", str_rep);
    wrap(L, SSTR, "format", str_format);
    wrap_pattern(L, SSTR, "match");
    wrap_pattern(L, SSTR, "gmatch");
    wrap_pattern(L, SSTR, "gsub");
    // Strings index the sandboxed copy, and their metatable cannot be read or changed.
    lua_pushliteral(L, "");
    lua_getmetatable(L, -1);
    lua_pushvalue(L, SSTR);
    lua_setfield(L, -2, "__index");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 2);
    lua_pushvalue(L, SSTR);
    make_proxy(L, "string");
    lua_setfield(L, BASE, "string");
    lua_pop(L, 1);

    // table: insert, remove and move with their C loops bounded.
    lua_pushcfunction(L, tab_insert);
    lua_setfield(L, TAB, "insert");
    lua_pushcfunction(L, tab_remove);
    lua_setfield(L, TAB, "remove");
    wrap(L, TAB, "move", tab_move);
    lua_pushvalue(L, TAB);
    make_proxy(L, "table");
    lua_setfield(L, BASE, "table");

    lua_newtable(L);
    lua_pushnil(L);
    while (lua_next(L, MATH) != 0) {
        const char *k = lua_tostring(L, -2);
        if (strcmp(k, "random") == 0 || strcmp(k, "randomseed") == 0) { lua_pop(L, 1); continue; }
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, -4);
    }
    make_proxy(L, "math");
    lua_setfield(L, BASE, "math");

    lua_pushvalue(L, UTF8);
    make_proxy(L, "utf8");
    lua_setfield(L, BASE, "utf8");

    lua_pushvalue(L, BASE);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &SH_KEY_BASE);
    lua_createtable(L, 0, 2);
    lua_pushvalue(L, BASE);
    lua_setfield(L, -2, "__index");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_rawsetp(L, LUA_REGISTRYINDEX, &SH_KEY_ENVMT);
    lua_newtable(L);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &SH_KEY_MODULES);
    lua_newtable(L);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &SH_KEY_LOADED);

    // The real globals (with dofile, loadfile, …) are dropped: chunks get a call environment
    // before they run, and anything that slips through sees an empty table.
    lua_newtable(L);
    lua_rawseti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);
    lua_pushnil(L);
    lua_setfield(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
    return 0;
}
