#ifndef KICKOFF_SYSTEM_H
#define KICKOFF_SYSTEM_H

/// Atomically swaps two paths (Linux renameat2 with RENAME_EXCHANGE).
/// Returns 0 on success, or -1 with errno set (ENOSYS or EINVAL where the system or file system cannot).
int kickoff_exchange_paths(const char *first, const char *second);

/// Flushes the whole file system that holds the open file or folder to the disk (Linux syncfs; elsewhere fsync).
int kickoff_sync_file_system(int descriptor);

/// Keeps up to `bytes` of freed memory at the top of each heap instead of returning it to the system after every
/// free (glibc's M_TRIM_THRESHOLD); does nothing elsewhere.
void kickoff_keep_freed_memory(long bytes);

/// libcmark's allocator (a `cmark_mem *`) over this thread's arena: allocating is a bump of a pointer, freeing does
/// nothing, and `kickoff_cmark_arena_reset` frees everything at once. For one document at a time per thread.
void *kickoff_cmark_arena(void);

/// Frees everything this thread allocated through `kickoff_cmark_arena`.
void kickoff_cmark_arena_reset(void);

#endif
