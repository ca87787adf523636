// Line coverage for dry runs: which lines of which chunks executed. Off unless the host turns it
// on (it costs a hook call per line); recorded in C memory, never in the Lua heap, so it cannot
// trip the memory cap or raise inside the hook.
#include "internal.h"
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

typedef struct sh_cov_entry {
    char *source;     // chunk name as in short_src ("contract.lua")
    uint8_t *bits;    // one bit per line
    int lines;        // capacity in lines
} sh_cov_entry;

struct sh_coverage {
    sh_cov_entry *entries;
    int count, cap;
    int last;         // the entry hit last (consecutive lines are usually in one chunk)
};

void sh_coverage_record(sh_coverage *c, const char *source, int line) {
    if (!c || line <= 0) return;
    int index = -1;
    if (c->last >= 0 && c->last < c->count && strcmp(c->entries[c->last].source, source) == 0) {
        index = c->last;
    } else {
        for (int i = 0; i < c->count; i++) {
            if (strcmp(c->entries[i].source, source) == 0) { index = i; break; }
        }
    }
    if (index < 0) {
        if (c->count == c->cap) {
            int cap = c->cap ? c->cap * 2 : 16;
            sh_cov_entry *grown = realloc(c->entries, sizeof(sh_cov_entry) * (size_t)cap);
            if (!grown) return;
            c->entries = grown;
            c->cap = cap;
        }
        size_t n = strlen(source);
        char *copy = malloc(n + 1);
        if (!copy) return;
        memcpy(copy, source, n + 1);
        c->entries[c->count] = (sh_cov_entry){copy, NULL, 0};
        index = c->count++;
    }
    c->last = index;
    sh_cov_entry *e = &c->entries[index];
    if (line >= e->lines) {
        int lines = e->lines ? e->lines : 256;
        while (lines <= line) lines *= 2;
        uint8_t *bits = realloc(e->bits, (size_t)lines / 8);
        if (!bits) return;
        memset(bits + e->lines / 8, 0, (size_t)(lines - e->lines) / 8);
        e->bits = bits;
        e->lines = lines;
    }
    e->bits[line / 8] |= (uint8_t)(1u << (line % 8));
}

void sh_set_coverage(sh_state *L, int on) {
    sh_host *h = sh_host_of(L);
    if (on && !h->coverage) {
        h->coverage = calloc(1, sizeof(sh_coverage));
        if (h->coverage) h->coverage->last = -1;
    } else if (!on && h->coverage) {
        sh_coverage_free(h->coverage);
        h->coverage = NULL;
    }
}

void sh_coverage_free(sh_coverage *c) {
    if (!c) return;
    for (int i = 0; i < c->count; i++) {
        free(c->entries[i].source);
        free(c->entries[i].bits);
    }
    free(c->entries);
    free(c);
}

int sh_coverage_report(sh_state *L, sh_buffer *out) {
    sh_coverage *c = sh_host_of(L)->coverage;
    if (!c) return 0;
    for (int i = 0; i < c->count; i++) {
        sh_cov_entry *e = &c->entries[i];
        for (int line = 1; line < e->lines; line++) {
            if (!(e->bits[line / 8] & (1u << (line % 8)))) continue;
            // "source\tline\n" records
            char number[16];
            int n = snprintf(number, sizeof number, "\t%d\n", line);
            if (sh_buffer_append(out, e->source, strlen(e->source)) != 0 || sh_buffer_append(out, number, (size_t)n) != 0)
                return -1;
        }
    }
    return 0;
}
