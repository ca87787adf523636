// Money inside Lua: an immutable full userdata holding integer fen, with a locked metatable.
//
// Scripts compare, add, subtract and print amounts naturally (`amount >= threshold`,
// `tostring(m)` → "¥612,000.00") while nothing that decides is ever a binary float: the value is
// an int64 of fen, every operation is exact and checked for overflow, and division (which would
// need rounding) is refused. Numbers mix in only where exact: a whole number of yuan.
#include "internal.h"
#include <stdio.h>
#include <string.h>

const char SH_KEY_MONEY = 0;

/// Amounts beyond ±10^15 fen (¥10 trillion) are refused, so products and sums of a few of them
/// cannot overflow int64 unnoticed.
#define SH_MONEY_MAX 1000000000000000LL

void sh_push_money(lua_State *L, int64_t fen) {
    int64_t *p = (int64_t *)lua_newuserdatauv(L, sizeof(int64_t), 0);
    *p = fen;
    lua_rawgetp(L, LUA_REGISTRYINDEX, &SH_KEY_MONEY);
    lua_setmetatable(L, -2);
}

int sh_to_money(lua_State *L, int index, int64_t *fen) {
    if (lua_type(L, index) != LUA_TUSERDATA) return 0;
    if (!lua_getmetatable(L, index)) return 0;
    lua_rawgetp(L, LUA_REGISTRYINDEX, &SH_KEY_MONEY);
    int same = lua_rawequal(L, -1, -2);
    lua_pop(L, 2);
    if (!same) return 0;
    *fen = *(int64_t *)lua_touserdata(L, index);
    return 1;
}

static int64_t check_range(lua_State *L, int64_t fen) {
    if (fen > SH_MONEY_MAX || fen < -SH_MONEY_MAX) luaL_error(L, "money out of range (more than ¥10 trillion)");
    return fen;
}

/// A whole number of yuan, or money; anything else raises `what` with the offending value.
static int64_t operand_fen(lua_State *L, int index, const char *what) {
    int64_t fen;
    if (sh_to_money(L, index, &fen)) return fen;
    if (lua_type(L, index) == LUA_TNUMBER) {
        int exact = 0;
        lua_Integer yuan = lua_tointegerx(L, index, &exact);
        if (exact) {
            if (yuan > SH_MONEY_MAX / 100 || yuan < -SH_MONEY_MAX / 100) luaL_error(L, "money out of range (more than ¥10 trillion)");
            return yuan * 100;
        }
        luaL_error(L, "%s: %s is not a whole number of yuan; write money(\"%s\") for an exact amount",
                   what, lua_tostring(L, index), lua_tostring(L, index));
    }
    luaL_error(L, "%s: expected money or a whole number of yuan, got %s", what, luaL_typename(L, index));
    return 0;
}

static int64_t check_money(lua_State *L, int index, const char *what) {
    int64_t fen;
    if (!sh_to_money(L, index, &fen)) luaL_error(L, "%s: expected money, got %s", what, luaL_typename(L, index));
    return fen;
}

/// Parses "612000", "612000.5", "612,000.00", "-1.50" exactly; NULL-free text only.
static int parse_money(const char *s, size_t len, int64_t *out) {
    size_t i = 0;
    int negative = 0;
    while (i < len && (s[i] == ' ')) i++;
    while (len > i && s[len - 1] == ' ') len--;
    if (i < len && s[i] == '-') { negative = 1; i++; }
    if (i >= len || s[i] < '0' || s[i] > '9') return 0;
    int64_t yuan = 0;
    int digits = 0, group = -1; // digits since the last comma; -1 = no comma seen
    for (; i < len && s[i] != '.'; i++) {
        char c = s[i];
        if (c == ',') {
            if (digits == 0 || (group >= 0 && digits != 3) || (group < 0 && digits > 3)) return 0;
            group = 0; digits = 0; continue;
        }
        if (c < '0' || c > '9') return 0;
        yuan = yuan * 10 + (c - '0');
        if (yuan > SH_MONEY_MAX / 100) return 0;
        digits++;
    }
    if (group >= 0 && digits != 3) return 0;
    int64_t cents = 0;
    if (i < len) { // at '.'
        i++;
        int places = 0;
        for (; i < len; i++) {
            char c = s[i];
            if (c < '0' || c > '9' || places == 2) return 0;
            cents = cents * 10 + (c - '0');
            places++;
        }
        if (places == 0) return 0;
        if (places == 1) cents *= 10;
    }
    int64_t fen = yuan * 100 + cents;
    *out = negative ? -fen : fen;
    return 1;
}

/// `money(x)`: from text ("612000.00"), a whole number of yuan, or money.
static int money_new(lua_State *L) {
    int64_t fen;
    if (lua_type(L, 1) == LUA_TSTRING) {
        size_t len;
        const char *s = lua_tolstring(L, 1, &len);
        if (strlen(s) != len || !parse_money(s, len, &fen))
            return luaL_error(L, "money(\"%s\"): expected an amount in yuan with at most two decimal places", s);
        sh_push_money(L, fen);
        return 1;
    }
    sh_push_money(L, operand_fen(L, 1, "money()"));
    return 1;
}

/// Formats fen as "612000.00" (plain) or "¥612,000.00" (pretty).
static void format_fen(int64_t fen, int pretty, char *out, size_t size) {
    int negative = fen < 0;
    uint64_t mag = negative ? (uint64_t)(-(fen + 1)) + 1 : (uint64_t)fen;
    uint64_t yuan = mag / 100, cents = mag % 100;
    char digits[32];
    snprintf(digits, sizeof digits, "%llu", (unsigned long long)yuan);
    char grouped[48];
    size_t n = strlen(digits), j = 0;
    for (size_t i = 0; i < n; i++) {
        if (pretty && i > 0 && (n - i) % 3 == 0) grouped[j++] = ',';
        grouped[j++] = digits[i];
    }
    grouped[j] = 0;
    snprintf(out, size, "%s%s%s.%02llu", negative ? "-" : "", pretty ? "¥" : "", grouped,
             (unsigned long long)cents);
}

static int money_tostring(lua_State *L) {
    char text[64];
    format_fen(check_money(L, 1, "tostring"), 1, text, sizeof text);
    lua_pushstring(L, text);
    return 1;
}

static int money_yuan(lua_State *L) {
    char text[64];
    format_fen(check_money(L, 1, "money:yuan()"), 0, text, sizeof text);
    lua_pushstring(L, text);
    return 1;
}

static int money_fen(lua_State *L) {
    lua_pushinteger(L, check_money(L, 1, "money:fen()"));
    return 1;
}

static int money_is_zero(lua_State *L) {
    lua_pushboolean(L, check_money(L, 1, "money:is_zero()") == 0);
    return 1;
}

/// Amounts from the host may be anywhere in int64, so sums and negations check for overflow
/// before the range (a wrapped result could land back in range).
static int money_add(lua_State *L) {
    int64_t a = check_money(L, 1, "money + x"), b = check_money(L, 2, "money + x"), sum;
    if (__builtin_add_overflow(a, b, &sum)) return luaL_error(L, "money out of range (more than ¥10 trillion)");
    sh_push_money(L, check_range(L, sum));
    return 1;
}

static int money_sub(lua_State *L) {
    int64_t a = check_money(L, 1, "money - x"), b = check_money(L, 2, "money - x"), difference;
    if (__builtin_sub_overflow(a, b, &difference)) return luaL_error(L, "money out of range (more than ¥10 trillion)");
    sh_push_money(L, check_range(L, difference));
    return 1;
}

static int money_unm(lua_State *L) {
    int64_t fen = check_money(L, 1, "-money");
    if (fen == INT64_MIN) return luaL_error(L, "money out of range (more than ¥10 trillion)");
    sh_push_money(L, check_range(L, -fen));
    return 1;
}

static int money_mul(lua_State *L) {
    int64_t fen;
    int other = 2;
    if (!sh_to_money(L, 1, &fen)) { other = 1; fen = check_money(L, 2, "x * money"); }
    else if (sh_to_money(L, 2, &fen)) return luaL_error(L, "money * money has no meaning; multiply money by a whole number");
    int exact = 0;
    lua_Integer k = lua_tointegerx(L, other, &exact);
    if (!exact) return luaL_error(L, "money * x: x must be a whole number, got %s", luaL_typename(L, other));
    int64_t product;
    if (__builtin_mul_overflow(fen, (int64_t)k, &product)) return luaL_error(L, "money out of range (more than ¥10 trillion)");
    sh_push_money(L, check_range(L, product));
    return 1;
}

static int money_div(lua_State *L) {
    return luaL_error(L, "money cannot be divided (that would need rounding); use exceeds_percent or percent_text");
}

static int money_eq(lua_State *L) {
    int64_t a, b;
    lua_pushboolean(L, sh_to_money(L, 1, &a) && sh_to_money(L, 2, &b) && a == b);
    return 1;
}

static int money_lt(lua_State *L) {
    lua_pushboolean(L, operand_fen(L, 1, "comparison") < operand_fen(L, 2, "comparison"));
    return 1;
}

static int money_le(lua_State *L) {
    lua_pushboolean(L, operand_fen(L, 1, "comparison") <= operand_fen(L, 2, "comparison"));
    return 1;
}

static int money_concat(lua_State *L) {
    for (int i = 1; i <= 2; i++) {
        int64_t fen;
        if (sh_to_money(L, i, &fen)) {
            char text[64];
            format_fen(fen, 1, text, sizeof text);
            lua_pushstring(L, text);
        } else if (lua_type(L, i) == LUA_TSTRING || lua_type(L, i) == LUA_TNUMBER) {
            lua_pushvalue(L, i);
        } else {
            return luaL_error(L, "attempt to concatenate a %s value with money", luaL_typename(L, i));
        }
    }
    lua_concat(L, 2);
    return 1;
}

static int money_is(lua_State *L) {
    int64_t fen;
    lua_pushboolean(L, sh_to_money(L, 1, &fen));
    return 1;
}

void sh_open_money(lua_State *L) {
    static const luaL_Reg metamethods[] = {
        {"__tostring", money_tostring}, {"__add", money_add}, {"__sub", money_sub},
        {"__unm", money_unm}, {"__mul", money_mul}, {"__div", money_div}, {"__idiv", money_div},
        {"__mod", money_div}, {"__pow", money_div}, {"__eq", money_eq}, {"__lt", money_lt},
        {"__le", money_le}, {"__concat", money_concat}, {NULL, NULL}};
    static const luaL_Reg methods[] = {
        {"fen", money_fen}, {"yuan", money_yuan}, {"is_zero", money_is_zero}, {NULL, NULL}};
    lua_newtable(L);
    luaL_setfuncs(L, metamethods, 0);
    lua_newtable(L);
    luaL_setfuncs(L, methods, 0);
    lua_setfield(L, -2, "__index");
    lua_pushliteral(L, "money");
    lua_setfield(L, -2, "__name");
    lua_pushliteral(L, "money");
    lua_setfield(L, -2, "__metatable");
    lua_rawsetp(L, LUA_REGISTRYINDEX, &SH_KEY_MONEY);
    lua_pushcfunction(L, money_is);
    lua_pushcfunction(L, money_new);
}
