#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include "kickoff_system.h"

int kickoff_exchange_paths(const char *first, const char *second) {
#if defined(__linux__) && defined(RENAME_EXCHANGE)
    return renameat2(AT_FDCWD, first, AT_FDCWD, second, RENAME_EXCHANGE);
#else
    (void)first;
    (void)second;
    errno = ENOSYS;
    return -1;
#endif
}

#include <unistd.h>

int kickoff_sync_file_system(int descriptor) {
#if defined(__linux__)
    return syncfs(descriptor);
#else
    return fsync(descriptor);
#endif
}

#if defined(__GLIBC__)
#include <malloc.h>
#endif

void kickoff_keep_freed_memory(long bytes) {
#if defined(__GLIBC__)
    mallopt(M_TRIM_THRESHOLD, (int)bytes);
#else
    (void)bytes;
#endif
}
