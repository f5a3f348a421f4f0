/* The file-system floor for `kickoff build`: exactly the system calls Kickoff makes for each account of a
 * fresh build, without any planning or rendering, on the same number of threads. For each profile in PLANS:
 * read it; check the output folder and read a plan.json that is not there; create a staging folder; create and
 * write the four output files (copied from SAMPLE, a folder Kickoff built); rename the staging folder into
 * place. Then one syncfs. Prints the seconds it took.
 *
 *   cc -O2 -pthread -o fsfloor bench/fsfloor.c && ./fsfloor PLANS OUT SAMPLE THREADS
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char *names[] = {"plan.html", "plan.ics", "plan.json", "plan.md"};
static char *contents[4];
static size_t sizes[4];
static char **profiles;
static int count, next_index;
static const char *plans_dir, *out_dir;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void load(const char *path, char **data, size_t *size) {
    FILE *file = fopen(path, "rb");
    if (!file) { perror(path); exit(1); }
    fseek(file, 0, SEEK_END);
    *size = (size_t)ftell(file);
    fseek(file, 0, SEEK_SET);
    *data = malloc(*size);
    if (fread(*data, 1, *size, file) != *size) { perror(path); exit(1); }
    fclose(file);
}

static void *work(void *unused) {
    (void)unused;
    char path[4096], staging[4096], target[4096], buffer[65536];
    for (;;) {
        pthread_mutex_lock(&lock);
        int index = next_index++;
        pthread_mutex_unlock(&lock);
        if (index >= count) return NULL;
        snprintf(path, sizeof path, "%s/%s", plans_dir, profiles[index]);
        int in = open(path, O_RDONLY | O_CLOEXEC);
        struct stat info;
        fstat(in, &info);
        while (read(in, buffer, sizeof buffer) > 0) {}
        close(in);
        snprintf(target, sizeof target, "%s/%.*s", out_dir, (int)(strlen(profiles[index]) - 5), profiles[index]);
        lstat(target, &info);
        snprintf(path, sizeof path, "%s/plan.json", target);
        int previous = open(path, O_RDONLY | O_CLOEXEC);
        if (previous >= 0) close(previous);
        snprintf(staging, sizeof staging, "%s/.%s.new-%d", out_dir, profiles[index], index);
        if (mkdir(staging, 0755) != 0) { perror(staging); exit(1); }
        for (int file = 0; file < 4; file++) {
            snprintf(path, sizeof path, "%s/%s", staging, names[file]);
            int out = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
            if (out < 0 || write(out, contents[file], sizes[file]) != (ssize_t)sizes[file]) { perror(path); exit(1); }
            close(out);
        }
        if (rename(staging, target) != 0) { perror(target); exit(1); }
    }
}

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(int argc, char **argv) {
    if (argc != 5) { fprintf(stderr, "usage: fsfloor PLANS OUT SAMPLE THREADS\n"); return 2; }
    plans_dir = argv[1];
    out_dir = argv[2];
    int threads = atoi(argv[4]);
    char path[4096];
    for (int file = 0; file < 4; file++) {
        snprintf(path, sizeof path, "%s/%s", argv[3], names[file]);
        load(path, &contents[file], &sizes[file]);
    }
    DIR *dir = opendir(plans_dir);
    if (!dir) { perror(plans_dir); return 1; }
    profiles = malloc(sizeof(char *) * 100000);
    for (struct dirent *entry; (entry = readdir(dir));) {
        size_t length = strlen(entry->d_name);
        if (length > 5 && strcmp(entry->d_name + length - 5, ".yaml") == 0) profiles[count++] = strdup(entry->d_name);
    }
    closedir(dir);
    qsort(profiles, (size_t)count, sizeof(char *), by_name);
    mkdir(out_dir, 0755);
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    pthread_t workers[64];
    for (int t = 0; t < threads; t++) pthread_create(&workers[t], NULL, work, NULL);
    for (int t = 0; t < threads; t++) pthread_join(workers[t], NULL);
    int descriptor = open(out_dir, O_RDONLY | O_DIRECTORY);
    syncfs(descriptor);
    close(descriptor);
    clock_gettime(CLOCK_MONOTONIC, &end);
    printf("%.3f\n", (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9);
    return 0;
}
