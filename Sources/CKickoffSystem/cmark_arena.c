// An arena for libcmark's documents. Parsing one handout section makes a few thousand small allocations (a node,
// its text buffers, the rendered HTML growing), each freed again node by node: in all, more instructions than
// parsing itself spends on the text. Here each thread bumps a pointer through chunks of its own, and everything
// is freed at once when the document is done with.
#include <cmark.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "kickoff_system.h"

/// Chunks stay under glibc's mmap threshold, so that taking and returning them costs no system call.
#define CHUNK_BYTES (64 * 1024)
#define ALIGN 16

typedef struct chunk {
    struct chunk *next;
    size_t size;
    size_t used;
    _Alignas(ALIGN) unsigned char data[];
} chunk;

/// Before each block: its size as asked for, so that realloc knows how much to copy.
typedef struct {
    size_t size;
    size_t unused;
} header;

static _Thread_local chunk *current;

static size_t rounded(size_t bytes) { return (bytes + (ALIGN - 1)) & ~(size_t)(ALIGN - 1); }

static void *take(size_t bytes) {
    if (bytes > SIZE_MAX / 2) abort();
    size_t need = sizeof(header) + rounded(bytes);
    if (current == NULL || current->used + need > current->size) {
        size_t size = need > CHUNK_BYTES ? need : CHUNK_BYTES;
        chunk *fresh = malloc(sizeof(chunk) + size);
        // libcmark's own allocator aborts when memory runs out, too.
        if (fresh == NULL) abort();
        fresh->next = current;
        fresh->size = size;
        fresh->used = 0;
        current = fresh;
    }
    header *block = (header *)(current->data + current->used);
    block->size = bytes;
    current->used += need;
    return block + 1;
}

static void *arena_calloc(size_t count, size_t size) {
    if (size != 0 && count > SIZE_MAX / size) abort();
    void *memory = take(count * size);
    memset(memory, 0, count * size);
    return memory;
}

static void *arena_realloc(void *old, size_t size) {
    if (old == NULL) return take(size);
    header *block = (header *)old - 1;
    // The last block taken grows where it is, when its chunk has room: a buffer being appended to.
    unsigned char *start = (unsigned char *)block;
    if (current != NULL && start + sizeof(header) + rounded(block->size) == current->data + current->used) {
        size_t offset = (size_t)(start - current->data);
        if (size <= SIZE_MAX / 2 && offset + sizeof(header) + rounded(size) <= current->size) {
            current->used = offset + sizeof(header) + rounded(size);
            block->size = size;
            return old;
        }
    }
    void *moved = take(size);
    memcpy(moved, old, block->size < size ? block->size : size);
    return moved;
}

static void arena_free(void *memory) { (void)memory; }

static cmark_mem arena = {arena_calloc, arena_realloc, arena_free};

void *kickoff_cmark_arena(void) { return &arena; }

void kickoff_cmark_arena_reset(void) {
    while (current != NULL) {
        chunk *next = current->next;
        free(current);
        current = next;
    }
}
