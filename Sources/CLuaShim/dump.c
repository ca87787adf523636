// Bytecode of a compiled chunk, for the host's static checks (globals read and written, lines
// that hold code). Scripts cannot reach this: the sandbox has no string.dump.
#include "internal.h"

static int dump_writer(lua_State *L, const void *p, size_t size, void *ud) {
    (void)L;
    return sh_buffer_append((sh_buffer *)ud, p, size) == 0 ? 0 : 1;
}

typedef struct dump_args {
    int ref;
    sh_buffer *out;
    int status;
} dump_args;

static int dump_protected(lua_State *L) {
    dump_args *a = lua_touserdata(L, 1);
    if (lua_rawgeti(L, LUA_REGISTRYINDEX, a->ref) != LUA_TFUNCTION) return luaL_error(L, "unknown chunk");
    a->status = lua_dump(L, dump_writer, a->out, 0);
    return 0;
}

sh_status sh_dump(sh_state *L, int ref, sh_buffer *out, sh_error *error) {
    dump_args a = {ref, out, 0};
    lua_pushcfunction(L, dump_protected);
    lua_pushlightuserdata(L, &a);
    int status = lua_pcall(L, 1, 0, 0);
    if (status != LUA_OK) {
        if (error) {
            sh_error_free(error);
            error->status = SH_ERR_HOST;
        }
        lua_pop(L, 1);
        return SH_ERR_HOST;
    }
    return a.status == 0 ? SH_OK : SH_ERR_HOST;
}
