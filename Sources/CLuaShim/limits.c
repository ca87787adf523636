// Limits a script cannot escape: a counting allocator with a cap, and a count hook that checks
// the instruction budget and the deadline.
//
// Once a limit trips, the hook is re-armed to fire on every instruction and raises each time, so
// a script that catches the error with pcall/xpcall cannot carry on: its next instruction raises
// again. Which limit ended a call is read from `sh_host.trip`, never from the error text (a script
// can forge text). Finalizers (`__gc`) run with hooks off, so the sandbox refuses them outright.
// An error raised from the hook leaves hooks off until a protected call catches it, so Lua would
// run an xpcall message handler unhooked: the sandbox's xpcall skips the script's handler once a
// limit has tripped (sandbox.c).
#include "internal.h"
#include <stdlib.h>
#include <time.h>

uint64_t sh_now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

sh_host *sh_host_of(lua_State *L) {
    return *(sh_host **)lua_getextraspace(L);
}

void *sh_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    sh_host *h = (sh_host *)ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        free(ptr);
        h->in_use -= old;
        return NULL;
    }
    if (nsize > old && h->cap != 0 && h->running) {
        size_t grow = nsize - old;
        if (h->in_use + grow > h->cap || h->in_use + grow < h->in_use) {
            // Refuse. Lua then runs an emergency full collection and asks again with the same
            // arguments; only a second refusal of the same request trips the limit, so garbage
            // alone never ends a call. The trip flag makes the hook end the call even if the
            // script catches the resulting error.
            if (h->refused && h->refused_ptr == ptr && h->refused_osize == osize &&
                h->refused_nsize == nsize) {
                h->trip = SH_TRIP_MEMORY;
            }
            h->refused = 1;
            h->denied = 1;
            h->refused_ptr = ptr;
            h->refused_osize = osize;
            h->refused_nsize = nsize;
            return NULL;
        }
    }
    h->refused = 0;
    void *block = realloc(ptr, nsize);
    if (block == NULL) {
        // Shrinking must never fail: keep the old block (Lua's contract for allocators).
        if (nsize <= old) return ptr;
        h->denied = 1;
        return NULL;
    }
    h->in_use = h->in_use - old + nsize;
    return block;
}

static void sh_trip_now(lua_State *L, sh_host *h) {
    lua_sethook(L, sh_hook, LUA_MASKCOUNT, 1);
    switch (h->trip) {
    case SH_TRIP_MEMORY: luaL_error(L, "memory limit reached"); break;
    case SH_TRIP_TIMEOUT: luaL_error(L, "time limit reached"); break;
    default: luaL_error(L, "instruction limit reached"); break;
    }
}

void sh_hook(lua_State *L, lua_Debug *ar) {
    sh_host *h = sh_host_of(L);
    if (!h->running) return;
    if (ar->event == LUA_HOOKLINE) {
        if (h->trip != SH_TRIP_NONE) sh_trip_now(L, h);
        if (h->coverage && lua_getinfo(L, "S", ar)) sh_coverage_record(h->coverage, ar->short_src, ar->currentline);
        return;
    }
    if (h->trip != SH_TRIP_NONE) sh_trip_now(L, h);
    if (h->limit_instructions) {
        h->remaining -= h->interval;
        if (h->remaining <= 0) {
            h->trip = SH_TRIP_INSTRUCTIONS;
            sh_trip_now(L, h);
        }
    }
    if (h->deadline != 0 && sh_now_ns() >= h->deadline) {
        h->trip = SH_TRIP_TIMEOUT;
        sh_trip_now(L, h);
    }
}

/// The hook always runs while a script runs, even without an instruction budget, so that a
/// memory trip or the deadline still ends the call.
void sh_arm_limits(lua_State *L, sh_limits limits) {
    sh_host *h = sh_host_of(L);
    h->trip = SH_TRIP_NONE;
    h->denied = 0;
    h->limit_instructions = limits.instructions > 0;
    h->remaining = limits.instructions;
    h->interval = 1000;
    if (h->limit_instructions && limits.instructions < h->interval) h->interval = (int)limits.instructions;
    if (h->interval < 1) h->interval = 1;
    h->deadline = limits.timeout_ns ? sh_now_ns() + limits.timeout_ns : 0;
    h->cap = limits.memory ? h->in_use + limits.memory : 0;
    h->running = 1;
    lua_sethook(L, sh_hook, LUA_MASKCOUNT | (h->coverage ? LUA_MASKLINE : 0), h->interval);
}

void sh_disarm_limits(lua_State *L) {
    sh_host *h = sh_host_of(L);
    h->running = 0;
    h->cap = 0;
    lua_sethook(L, NULL, 0, 0);
}
