/* clockrand: sanity of clocks, random bytes and sleeping, printing only
 * "ok"/"fail" per check (never a value), so the output is the same on every
 * host and run. Exits 1 if any check failed. The timing checks are lower
 * bounds only (a sleep lasts at least what was asked), which a slow or
 * loaded machine cannot break. Uses the raw preview1 calls (clock_res_get,
 * clock_time_get, random_get, poll_oneoff, sched_yield) and nanosleep. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <wasi/api.h>

static int failures = 0;

#define MS 1000000ull
/* node:wasi sleeps through libuv timers, whole milliseconds on a loop clock
 * that may lag: it can wake up to about 2 ms early, so the lower bounds
 * allow that much (they still catch a sleep that does not sleep). */
#define SLACK (2 * MS)

static void check(const char *what, int ok) {
  printf("%s: %s\n", what, ok ? "ok" : "fail");
  fflush(stdout); /* each line out at once, so a run that hangs shows how far it got */
  if (!ok) failures++;
}

static __wasi_timestamp_t now(__wasi_clockid_t id) {
  __wasi_timestamp_t t = 0;
  if (__wasi_clock_time_get(id, 1, &t) != 0) return 0;
  return t;
}

/* poll_oneoff with the given subscriptions; returns the event count, or -1 on error. */
static int poll(const __wasi_subscription_t *subs, int n, __wasi_event_t *events) {
  __wasi_size_t got = 0;
  if (__wasi_poll_oneoff(subs, events, (__wasi_size_t)n, &got) != 0) return -1;
  return (int)got;
}

static __wasi_subscription_t clock_sub(__wasi_userdata_t user, __wasi_clockid_t id, __wasi_timestamp_t timeout,
                                       __wasi_subclockflags_t flags) {
  __wasi_subscription_t s;
  memset(&s, 0, sizeof s);
  s.userdata = user;
  s.u.tag = __WASI_EVENTTYPE_CLOCK;
  s.u.u.clock.id = id;
  s.u.u.clock.timeout = timeout;
  s.u.u.clock.precision = 0;
  s.u.u.clock.flags = flags;
  return s;
}

int main(void) {
  static const char *names[] = { "realtime", "monotonic", "process cputime", "thread cputime" };
  for (__wasi_clockid_t id = 0; id < 4; id++) {
    char what[64];
    __wasi_timestamp_t res = 0, a = 0, b = 0;
    snprintf(what, sizeof what, "%s resolution > 0", names[id]);
    check(what, __wasi_clock_res_get(id, &res) == 0 && res > 0);
    snprintf(what, sizeof what, "%s readable twice, not going back", names[id]);
    int ok = __wasi_clock_time_get(id, 1, &a) == 0 && __wasi_clock_time_get(id, 1, &b) == 0 && b >= a;
    check(what, ok);
  }
  __wasi_timestamp_t unused;
  check("bad clock id is EINVAL", __wasi_clock_time_get(99, 1, &unused) == __WASI_ERRNO_INVAL);
  /* 2020-01-01T00:00:00Z in nanoseconds. */
  check("realtime after 2020", now(__WASI_CLOCKID_REALTIME) > 1577836800ull * 1000000000ull);
  struct timespec ts;
  check("clock_gettime(CLOCK_REALTIME) after 2020", clock_gettime(CLOCK_REALTIME, &ts) == 0 && ts.tv_sec > 1577836800);
  int mono = 1;
  __wasi_timestamp_t last = now(__WASI_CLOCKID_MONOTONIC);
  for (int i = 0; i < 10000; i++) {
    __wasi_timestamp_t t = now(__WASI_CLOCKID_MONOTONIC);
    if (t < last || t == 0) mono = 0;
    last = t;
  }
  check("monotonic non-decreasing over 10000 reads", mono);

  unsigned char r[4][32];
  int calls_ok = 1;
  for (int i = 0; i < 4; i++) calls_ok &= __wasi_random_get(r[i], sizeof r[i]) == 0;
  check("random_get succeeds", calls_ok);
  int varied = 0;
  for (int i = 0; i < 4; i++)
    for (int j = 1; j < 32; j++) varied |= r[i][j] != r[i][0];
  check("random bytes not all equal", varied);
  int distinct = 1;
  for (int i = 0; i < 4; i++)
    for (int j = i + 1; j < 4; j++) distinct &= memcmp(r[i], r[j], 32) != 0;
  check("random calls all differ", distinct);
  static unsigned char big[65536];
  check("random_get of 64 KiB", __wasi_random_get(big, sizeof big) == 0);
  check("random_get of 0 bytes", __wasi_random_get(big, 0) == 0);

  __wasi_timestamp_t t0 = now(__WASI_CLOCKID_MONOTONIC);
  struct timespec nap = { 0, 10 * MS };
  check("nanosleep 10 ms returns 0", nanosleep(&nap, NULL) == 0);
  check("nanosleep slept about 10 ms or more", now(__WASI_CLOCKID_MONOTONIC) - t0 >= 10 * MS - SLACK);

  __wasi_event_t ev[2];
  __wasi_subscription_t subs[2];
  subs[0] = clock_sub(42, __WASI_CLOCKID_MONOTONIC, 10 * MS, 0);
  t0 = now(__WASI_CLOCKID_MONOTONIC);
  int n = poll(subs, 1, ev);
  check("poll_oneoff relative 10 ms: one clock event", n == 1 && ev[0].userdata == 42 && ev[0].error == 0 &&
                                                          ev[0].type == __WASI_EVENTTYPE_CLOCK);
  check("poll_oneoff relative 10 ms: slept about 10 ms or more", now(__WASI_CLOCKID_MONOTONIC) - t0 >= 10 * MS - SLACK);

  /* An absolute deadline on the realtime clock. (node:wasi measures every
   * absolute deadline against realtime, whatever the clock: one on the
   * monotonic clock never comes there, so this program does not try it.) */
  t0 = now(__WASI_CLOCKID_REALTIME);
  subs[0] = clock_sub(7, __WASI_CLOCKID_REALTIME, t0 + 20 * MS, __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME);
  n = poll(subs, 1, ev);
  check("poll_oneoff realtime absolute +20 ms: one clock event", n == 1 && ev[0].userdata == 7 && ev[0].error == 0);
  check("poll_oneoff realtime absolute +20 ms: about reached the deadline", now(__WASI_CLOCKID_REALTIME) >= t0 + 20 * MS - SLACK);

  subs[0] = clock_sub(1, __WASI_CLOCKID_MONOTONIC, 60ull * 1000000000ull, 0);
  subs[1] = clock_sub(2, __WASI_CLOCKID_MONOTONIC, 1000000, 0);
  n = poll(subs, 2, ev);
  check("poll_oneoff 60 s and 1 ms: only the 1 ms fires", n == 1 && ev[0].userdata == 2);

  __wasi_size_t got = 0;
  check("poll_oneoff with no subscriptions is EINVAL", __wasi_poll_oneoff(subs, ev, 0, &got) == __WASI_ERRNO_INVAL);
  check("sched_yield", __wasi_sched_yield() == 0);
  return failures ? 1 : 0;
}
