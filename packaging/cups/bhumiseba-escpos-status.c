/*
 * bhumiseba-escpos-status: the CUPS filter of Bhumiseba's ESC/POS thermal queues
 * (assets/cups/bhumiseba-thermal.ppd, set up by `kioskctl printers add … --kind thermal80|58`).
 *
 * Before the job's bytes (the kiosk's own ESC/POS raster) it asks the printer for its real-time
 * status, DLE EOT 1 (printer), 2 (offline cause) and 4 (roll paper sensor), through the backend:
 * the question goes out on stdout as the job's first bytes, the answers come back on the back
 * channel (fd 3), which CUPS's usb and socket backends fill with what the printer says. So a USB
 * printer, which the kiosk cannot open while CUPS's usb backend holds it, is asked too.
 *
 * What it heard goes to cupsd as printer-state-reasons (STATE: lines on stderr), which the kiosk
 * reads over IPP and says in words: media-empty-error (paper out), door-open-error (cover open),
 * other-error (the printer reports an error), offline-report, media-low-report (paper near its
 * end). Paper out, the cover open, an error or offline: nothing is sent and the filter exits 1, so
 * cupsd stops the job (never reported printed; the kiosk cancels it and says why). Paper near its
 * end: the reason is set and the job goes. No valid answer within the deadline (a printer that
 * does not do real-time status, or a backend without a back channel): the job goes as it is and
 * the reasons are cleared, since nothing is known.
 *
 * The backend is asked first, over the side channel, whether its connection reads back at all
 * (CUPS_SC_CMD_GET_BIDI): only then does the question go to the printer. The answer also says the
 * backend is ready (a socket backend answers once its SNMP look-up is done), so the deadline for
 * the printer's answers starts after that. The back channel is read with poll() and a deadline,
 * not cupsBackChannelRead(): in CUPS 2.4.2 that reads fd 3 even when its select() timed out, so a
 * printer that never answers would hold the job for ever.
 *
 *   bhumiseba-escpos-status job user title copies options [file]
 *   cc -O2 -o bhumiseba-escpos-status bhumiseba-escpos-status.c -lcups
 */
#include <cups/cups.h>
#include <cups/sidechannel.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* The backend's answer on the side channel may wait for its SNMP look-up (a few seconds where
 * nothing answers SNMP). The printer's first answer may wait for the backend to connect (a
 * socket backend connects once it has the job's first bytes); the next come at once. */
#define BACKEND_SECONDS 10.0
#define FIRST_ANSWER_MS 3000
#define NEXT_ANSWER_MS 1000

static long now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1000L + t.tv_nsec / 1000000L;
}

static int write_all(int fd, const unsigned char *p, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    p += w;
    n -= (size_t)w;
  }
  return 0;
}

/* One byte from the back channel within `ms`; -1 when none came (or there is no back channel). */
static int read_answer(int ms) {
  long end = now_ms() + ms;
  for (;;) {
    long left = end - now_ms();
    if (left < 0) left = 0;
    struct pollfd p = {.fd = 3, .events = POLLIN};
    int r = poll(&p, 1, (int)left);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0 || (p.revents & (POLLNVAL | POLLERR)) || !(p.revents & (POLLIN | POLLHUP))) return -1;
    unsigned char b;
    ssize_t got = read(3, &b, 1);
    if (got == 1) return b;
    if (got < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    return -1; /* end of the back channel */
  }
}

/* A status byte has bit 1 and bit 4 set and bits 0 and 7 clear; anything else is not an answer. */
static int is_status(int b) { return b >= 0 && (b & 0x93) == 0x12; }

int main(int argc, char *argv[]) {
  if (argc < 6 || argc > 7) {
    fprintf(stderr, "Usage: %s job-id user title copies options [file]\n", argv[0]);
    return 1;
  }
  int in = 0;
  if (argc == 7 && (in = open(argv[6], O_RDONLY)) < 0) {
    fprintf(stderr, "ERROR: Unable to open print file \"%s\": %s\n", argv[6], strerror(errno));
    return 1;
  }

  /* The job option bhumiseba-dle-eot=no: the kiosk asked a network printer itself just before
   * and heard nothing, so asking again would only cost the deadline. */
  cups_option_t *options = NULL;
  int num_options = cupsParseOptions(argv[5], 0, &options);
  const char *ask = cupsGetOption("bhumiseba-dle-eot", num_options, options);
  int two_way = 0;
  if (ask && !strcmp(ask, "no")) {
    fprintf(stderr, "DEBUG: bhumiseba-dle-eot=no: the printer is not asked\n");
  } else {
    char bidi = 0;
    int bidi_len = 1;
    cups_sc_status_t sc = cupsSideChannelDoRequest(CUPS_SC_CMD_GET_BIDI, &bidi, &bidi_len, BACKEND_SECONDS);
    two_way = sc == CUPS_SC_STATUS_OK && bidi_len == 1 && bidi == CUPS_SC_BIDI_SUPPORTED;
    if (!two_way)
      fprintf(stderr, "DEBUG: the backend reads nothing back (side channel status %d, bidi %d)\n", (int)sc, (int)bidi);
  }
  cupsFreeOptions(num_options, options);

  static const unsigned char which[3] = {1, 2, 4};
  int answer[3] = {-1, -1, -1};
  int answered = two_way;
  for (int i = 0; i < 3 && answered; i++) {
    const unsigned char query[3] = {0x10, 0x04, which[i]};
    if (write_all(1, query, sizeof query) != 0) {
      fprintf(stderr, "ERROR: Unable to send the status question: %s\n", strerror(errno));
      return 1;
    }
    answer[i] = read_answer(i == 0 ? FIRST_ANSWER_MS : NEXT_ANSWER_MS);
    answered = is_status(answer[i]);
  }

  const char *ours = "media-empty-error,door-open-error,other-error,offline-report,media-low-report";
  if (!two_way) {
    fprintf(stderr, "STATE: -%s\n", ours);
  } else if (!answered) {
    fprintf(stderr, "INFO: The printer does not report its status (DLE EOT); printing without it\n");
    fprintf(stderr, "STATE: -%s\n", ours);
  } else {
    int offline = answer[0] & 0x08;
    int cover_open = answer[1] & 0x04;
    int error = answer[1] & 0x40;
    int paper_out = (answer[1] & 0x20) || (answer[2] & 0x60);
    int near_end = answer[2] & 0x0C;
    char add[160] = "", clear[160] = "";
    struct {
      int on;
      const char *reason;
    } said[] = {
        {paper_out, "media-empty-error"},
        {cover_open, "door-open-error"},
        {error, "other-error"},
        {offline && !paper_out && !cover_open && !error, "offline-report"},
        {near_end && !paper_out, "media-low-report"},
    };
    for (size_t i = 0; i < sizeof said / sizeof said[0]; i++) {
      char *to = said[i].on ? add : clear;
      if (*to) strcat(to, ",");
      strcat(to, said[i].reason);
    }
    fprintf(stderr, "DEBUG: DLE EOT 1, 2, 4 answered 0x%02x 0x%02x 0x%02x\n", answer[0], answer[1], answer[2]);
    if (*clear) fprintf(stderr, "STATE: -%s\n", clear);
    if (*add) fprintf(stderr, "STATE: +%s\n", add);
    if (paper_out || cover_open || error || offline) {
      fprintf(stderr, "ERROR: %s\n",
              paper_out    ? "The printer is out of paper"
              : cover_open ? "The printer's cover is open"
              : error      ? "The printer reports an error"
                           : "The printer is offline");
      fflush(stderr);
      return 1;
    }
  }
  fflush(stderr);

  unsigned char buf[65536];
  for (;;) {
    ssize_t got = read(in, buf, sizeof buf);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      fprintf(stderr, "ERROR: Unable to read print data: %s\n", strerror(errno));
      return 1;
    }
    if (got == 0) break;
    if (write_all(1, buf, (size_t)got) != 0) {
      fprintf(stderr, "ERROR: Unable to write print data: %s\n", strerror(errno));
      return 1;
    }
  }
  return 0;
}
