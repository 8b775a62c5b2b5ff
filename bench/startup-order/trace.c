/* Which of the kiosk's functions run, in the order they first run: an LD_PRELOAD library that puts
 * a breakpoint (int3) on the first byte of every function listed in TRACE_FUNCS (hex offsets from
 * the program's load address, one per line, from `nm`), and on each first hit puts the byte back and
 * notes the function. At exit it writes the offsets, in order of first call, to TRACE_OUT.
 *
 * scripts/startup-order.sh turns that into the linker's symbol ordering file, so the code that runs
 * at start-up sits together instead of being spread over 17 MB of text (every page touched pulls
 * 64 KiB of its neighbours in with it: the kernel's fault-around). Only for that script; never part
 * of the kiosk. Run the program with SWIFT_BACKTRACE=enable=no: the backtracer wants SIGTRAP too. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

static unsigned long *starts, *hits, base;
static unsigned char *saved;
static long count;
static volatile long hit_count;

static long find(unsigned long a) {
  long lo = 0, hi = count - 1;
  while (lo <= hi) {
    long mid = (lo + hi) / 2;
    if (starts[mid] == a) return mid;
    if (starts[mid] < a) lo = mid + 1; else hi = mid - 1;
  }
  return -1;
}

static void on_trap(int sig, siginfo_t *info, void *context) {
  ucontext_t *uc = context;
  unsigned long at = uc->uc_mcontext.gregs[REG_RIP] - 1;
  long i = find(at);
  if (i < 0) { /* not ours: behave as if nobody had caught it */
    signal(SIGTRAP, SIG_DFL);
    raise(SIGTRAP);
    return;
  }
  /* Two threads may stop on the same breakpoint; the first one puts the byte back. */
  if (__sync_bool_compare_and_swap((unsigned char *)at, 0xCC, saved[i])) hits[__sync_fetch_and_add(&hit_count, 1)] = at;
  uc->uc_mcontext.gregs[REG_RIP] = at;
}

static int by_address(const void *a, const void *b) {
  unsigned long x = *(const unsigned long *)a, y = *(const unsigned long *)b;
  return x < y ? -1 : x > y;
}

__attribute__((constructor)) static void arm(void) {
  const char *program = getenv("TRACE_PROGRAM"), *list = getenv("TRACE_FUNCS");
  if (!program || !list) return;
  FILE *maps = fopen("/proc/self/maps", "r");
  char line[4096];
  while (fgets(line, sizeof line, maps)) {
    char perms[8];
    unsigned long lo, hi, offset;
    if (!strstr(line, program) || sscanf(line, "%lx-%lx %7s %lx", &lo, &hi, perms, &offset) != 4) continue;
    if (offset == 0 && !base) base = lo;
    if (strchr(perms, 'x')) mprotect((void *)lo, hi - lo, PROT_READ | PROT_WRITE | PROT_EXEC);
  }
  fclose(maps);
  FILE *in = fopen(list, "r");
  if (!in || !base) { fprintf(stderr, "trace: no %s or no mapping of %s\n", list, program); exit(3); }
  long capacity = 1 << 16;
  starts = malloc(capacity * sizeof *starts);
  unsigned long offset;
  while (fscanf(in, "%lx", &offset) == 1) {
    if (count == capacity) starts = realloc(starts, (capacity *= 2) * sizeof *starts);
    starts[count++] = base + offset;
  }
  fclose(in);
  qsort(starts, count, sizeof *starts, by_address);
  saved = malloc(count);
  hits = malloc(count * sizeof *hits);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_trap;
  sa.sa_flags = SA_SIGINFO | SA_NODEFER;
  sigaction(SIGTRAP, &sa, 0);
  for (long i = 0; i < count; i++) {
    saved[i] = *(unsigned char *)starts[i];
    *(unsigned char *)starts[i] = 0xCC;
  }
}

__attribute__((destructor)) static void report(void) {
  const char *path = getenv("TRACE_OUT");
  if (!path || !count) return;
  FILE *out = fopen(path, "w");
  for (long i = 0; i < hit_count; i++) fprintf(out, "%lx\n", hits[i] - base);
  fclose(out);
}
