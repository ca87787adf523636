// The wire: a flat byte encoding of Lua values, used in both directions between Swift and Lua.
//
//   'n' nil · 'f' false · 't' true · 'i' int64 · 'd' double · 'm' money (int64 fen)
//   's' u32 length + bytes · 'T' u32 array count + u32 field count + array values + key/value pairs
//   'x' u32 length + type name: a value that cannot cross (function, thread, userdata); Swift
//       reports it with its path
//   value list: u32 count + values
// Integers are in the machine's byte order (both sides run in one process).
#include "internal.h"
#include <string.h>

#define SH_MAX_DEPTH 200
/// Most bytes one encoding may produce. Encoding runs outside the script's limits, and a table
/// that shares subtables (`t = {t, t}` forty times) would otherwise expand exponentially.
#define SH_WIRE_MAX ((size_t)16 << 20)

static void need(lua_State *L, size_t len, size_t pos, size_t n) {
    if (pos > len || len - pos < n) luaL_error(L, "malformed value from the host (truncated)");
}

static uint32_t read_u32(lua_State *L, const uint8_t *d, size_t len, size_t *pos) {
    uint32_t v;
    need(L, len, *pos, 4);
    memcpy(&v, d + *pos, 4);
    *pos += 4;
    return v;
}

static int64_t read_i64(lua_State *L, const uint8_t *d, size_t len, size_t *pos) {
    int64_t v;
    need(L, len, *pos, 8);
    memcpy(&v, d + *pos, 8);
    *pos += 8;
    return v;
}

void sh_wire_push(lua_State *L, const uint8_t *d, size_t len, size_t *pos, int depth) {
    if (depth > SH_MAX_DEPTH) luaL_error(L, "value nested too deeply");
    luaL_checkstack(L, 4, "value nested too deeply");
    need(L, len, *pos, 1);
    uint8_t tag = d[(*pos)++];
    switch (tag) {
    case 'n': lua_pushnil(L); break;
    case 'f': lua_pushboolean(L, 0); break;
    case 't': lua_pushboolean(L, 1); break;
    case 'i': lua_pushinteger(L, (lua_Integer)read_i64(L, d, len, pos)); break;
    case 'd': {
        double v;
        need(L, len, *pos, 8);
        memcpy(&v, d + *pos, 8);
        *pos += 8;
        lua_pushnumber(L, v);
        break;
    }
    case 'm': sh_push_money(L, read_i64(L, d, len, pos)); break;
    case 's': {
        uint32_t n = read_u32(L, d, len, pos);
        need(L, len, *pos, n);
        lua_pushlstring(L, (const char *)d + *pos, n);
        *pos += n;
        break;
    }
    case 'T': {
        uint32_t narr = read_u32(L, d, len, pos);
        uint32_t nrec = read_u32(L, d, len, pos);
        // Every element takes at least one byte, so counts beyond the buffer are malformed.
        if (narr > len || nrec > len) luaL_error(L, "malformed value from the host (bad count)");
        lua_createtable(L, (int)narr, (int)nrec);
        for (uint32_t i = 1; i <= narr; i++) {
            sh_wire_push(L, d, len, pos, depth + 1);
            lua_rawseti(L, -2, (lua_Integer)i);
        }
        for (uint32_t i = 0; i < nrec; i++) {
            sh_wire_push(L, d, len, pos, depth + 1);
            if (lua_isnil(L, -1)) luaL_error(L, "malformed value from the host (nil key)");
            sh_wire_push(L, d, len, pos, depth + 1);
            lua_rawset(L, -3);
        }
        break;
    }
    default: luaL_error(L, "malformed value from the host (tag %d)", (int)tag);
    }
}

int sh_wire_push_list(lua_State *L, const uint8_t *d, size_t len) {
    if (d == NULL || len == 0) return 0;
    size_t pos = 0;
    uint32_t n = read_u32(L, d, len, &pos);
    if (n > len) luaL_error(L, "malformed value list from the host");
    luaL_checkstack(L, (int)n + 4, "too many values");
    for (uint32_t i = 0; i < n; i++) sh_wire_push(L, d, len, &pos, 0);
    return (int)n;
}

static void put_growing(lua_State *L, sh_buffer *out, const void *bytes, size_t n) {
    if (n > SH_WIRE_MAX - out->len || out->len > SH_WIRE_MAX)
        luaL_error(L, "value too large to pass to the host (more than %d MiB encoded)", (int)(SH_WIRE_MAX >> 20));
    if (sh_buffer_append(out, bytes, n) != 0) luaL_error(L, "not enough memory");
}

/// Appends `n` bytes. Encoding writes a few bytes at a time, so the common case (room left, far
/// below the limit) is a copy here; anything else goes through the checked, growing path.
static inline void put(lua_State *L, sh_buffer *out, const void *bytes, size_t n) {
    if (out->data && out->cap - out->len >= n && out->len + n <= SH_WIRE_MAX) {
        memcpy(out->data + out->len, bytes, n);
        out->len += n;
        return;
    }
    put_growing(L, out, bytes, n);
}

static void put_tag(lua_State *L, sh_buffer *out, char tag) { put(L, out, &tag, 1); }

static void put_u32(lua_State *L, sh_buffer *out, uint32_t v) { put(L, out, &v, 4); }

static void put_bytes(lua_State *L, sh_buffer *out, char tag, const char *s, size_t n) {
    if (n > UINT32_MAX) luaL_error(L, "string too long to return");
    put_tag(L, out, tag);
    put_u32(L, out, (uint32_t)n);
    put(L, out, s, n);
}

void sh_wire_encode(lua_State *L, int index, sh_buffer *out, int depth) {
    if (depth > SH_MAX_DEPTH) luaL_error(L, "value nested too deeply (a table that contains itself?)");
    // Only money (its metatable) and tables (their keys and values) push anything: the stack is
    // checked there, not for every string or number.
    index = lua_absindex(L, index);
    switch (lua_type(L, index)) {
    case LUA_TNIL: put_tag(L, out, 'n'); break;
    case LUA_TBOOLEAN: put_tag(L, out, lua_toboolean(L, index) ? 't' : 'f'); break;
    case LUA_TNUMBER:
        if (lua_isinteger(L, index)) {
            int64_t v = (int64_t)lua_tointeger(L, index);
            put_tag(L, out, 'i');
            put(L, out, &v, 8);
        } else {
            double v = (double)lua_tonumber(L, index);
            put_tag(L, out, 'd');
            put(L, out, &v, 8);
        }
        break;
    case LUA_TSTRING: {
        size_t n;
        const char *s = lua_tolstring(L, index, &n);
        put_bytes(L, out, 's', s, n);
        break;
    }
    case LUA_TUSERDATA: {
        luaL_checkstack(L, 4, "value nested too deeply");
        int64_t fen;
        if (sh_to_money(L, index, &fen)) {
            put_tag(L, out, 'm');
            put(L, out, &fen, 8);
        } else {
            put_bytes(L, out, 'x', "userdata", 8);
        }
        break;
    }
    case LUA_TTABLE: {
        luaL_checkstack(L, 4, "value nested too deeply");
        lua_Integer narr = (lua_Integer)lua_rawlen(L, index);
        if (narr > UINT32_MAX) luaL_error(L, "table too large to return");
        put_tag(L, out, 'T');
        put_u32(L, out, (uint32_t)narr);
        size_t count_at = out->len;
        put_u32(L, out, 0);
        for (lua_Integer i = 1; i <= narr; i++) {
            lua_rawgeti(L, index, i);
            sh_wire_encode(L, -1, out, depth + 1);
            lua_pop(L, 1);
        }
        uint32_t nrec = 0;
        lua_pushnil(L);
        while (lua_next(L, index) != 0) {
            if (lua_isinteger(L, -2)) {
                lua_Integer k = lua_tointeger(L, -2);
                if (k >= 1 && k <= narr) { lua_pop(L, 1); continue; }
            }
            sh_wire_encode(L, -2, out, depth + 1);
            sh_wire_encode(L, -1, out, depth + 1);
            nrec++;
            lua_pop(L, 1);
        }
        memcpy(out->data + count_at, &nrec, 4);
        break;
    }
    default: {
        const char *name = luaL_typename(L, index);
        put_bytes(L, out, 'x', name, strlen(name));
        break;
    }
    }
}

void sh_wire_encode_list(lua_State *L, int first, int n, sh_buffer *out) {
    put_u32(L, out, (uint32_t)n);
    for (int i = 0; i < n; i++) sh_wire_encode(L, first + i, out, 0);
}
