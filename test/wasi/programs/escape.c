/* escape: tries each way out of its preopen and prints what it got, one line
 * per attempt: "LABEL: refused ENAME" or "LABEL: ESCAPED ..." (the escape
 * worked), and for the controls (legitimate paths that must keep working)
 * "LABEL: ok ...". Uses the raw preview1 calls on the preopen's descriptor,
 * so that what is tested is the runtime's path resolution, not wasi-libc's.
 *
 * The harness lays out, beside the preopen (guest "/sandbox"), a directory
 * "outside" holding secret.txt, and inside the preopen:
 *   file.txt, sub/note.txt            plain files
 *   link_up -> ../outside             a symlink out (directory)
 *   link_secret -> ../outside/secret.txt
 *   sub/link_upup -> ../../outside/secret.txt
 *   link_root -> /                    an absolute symlink
 *   loop_a -> loop_b, loop_b -> loop_a
 *   link_in -> file.txt               a symlink that stays inside */
#include <stdio.h>
#include <string.h>
#include <wasi/api.h>
#include "errname.h"

static __wasi_fd_t root = 3;
/* The rights files opened under the preopen may have (its inheriting rights):
 * asking for more is refused by some runtimes, whatever the path. */
static __wasi_rights_t rights;
#define FOLLOW __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW

/* Prints the outcome of an attempt that must be refused. */
static void attempt(const char *label, __wasi_errno_t e) {
  if (e == 0) printf("%s: ESCAPED (succeeded)\n", label);
  else printf("%s: refused %s\n", label, errname(e));
}

/* Opens path under the preopen and reads what it can; an open that works is an escape (or, for a control, ok). */
static void try_open(const char *label, const char *path, __wasi_lookupflags_t lookup, __wasi_oflags_t oflags,
                     int control) {
  __wasi_fd_t fd;
  __wasi_errno_t e = __wasi_path_open(root, lookup, path, oflags, rights, rights, 0, &fd);
  if (e != 0) {
    printf("%s: %s %s\n", label, control ? "FAILED" : "refused", errname(e));
    return;
  }
  char buf[64];
  __wasi_iovec_t iov = { (uint8_t *)buf, sizeof buf - 1 };
  __wasi_size_t n = 0;
  __wasi_errno_t re = __wasi_fd_read(fd, &iov, 1, &n);
  buf[re == 0 ? n : 0] = 0;
  buf[strcspn(buf, "\n")] = 0; /* the first line only */
  if (re != 0) printf("%s: %s (opened; read %s)\n", label, control ? "ok" : "ESCAPED", errname(re));
  else printf("%s: %s (read \"%s\")\n", label, control ? "ok" : "ESCAPED", buf);
  (void)__wasi_fd_close(fd);
}

int main(void) {
  __wasi_prestat_t pre;
  char name[64] = { 0 };
  if (__wasi_fd_prestat_get(root, &pre) != 0 || pre.u.dir.pr_name_len >= sizeof name ||
      __wasi_fd_prestat_dir_name(root, (uint8_t *)name, pre.u.dir.pr_name_len) != 0) {
    printf("no preopen at fd 3\n");
    return 1;
  }
  printf("preopen fd 3: %s\n", name);
  __wasi_fdstat_t fdstat;
  if (__wasi_fd_fdstat_get(root, &fdstat) != 0) {
    printf("fd_fdstat_get on the preopen failed\n");
    return 1;
  }
  rights = fdstat.fs_rights_inheriting;

  /* Controls: paths that stay inside must keep working. */
  try_open("control: file.txt", "file.txt", FOLLOW, 0, 1);
  try_open("control: sub/../file.txt", "sub/../file.txt", FOLLOW, 0, 1);
  try_open("control: link_in (inside symlink)", "link_in", FOLLOW, 0, 1);

  /* ".." past the root. */
  try_open("dotdot: ../outside/secret.txt", "../outside/secret.txt", FOLLOW, 0, 0);
  try_open("dotdot: sub/../../outside/secret.txt", "sub/../../outside/secret.txt", FOLLOW, 0, 0);
  try_open("dotdot: .. as a directory", "..", FOLLOW, __WASI_OFLAGS_DIRECTORY, 0);
  try_open("dotdot: ./../outside/secret.txt", "./../outside/secret.txt", 0, 0, 0);

  /* Absolute paths. */
  try_open("absolute: /etc/passwd", "/etc/passwd", FOLLOW, 0, 0);
  try_open("absolute: /sandbox/file.txt", "/sandbox/file.txt", FOLLOW, 0, 0);
  try_open("absolute: /", "/", FOLLOW, __WASI_OFLAGS_DIRECTORY, 0);

  /* A symlink out at a middle component (followed whatever the flag says). */
  try_open("symlink middle: link_up/secret.txt (follow)", "link_up/secret.txt", FOLLOW, 0, 0);
  try_open("symlink middle: link_up/secret.txt (nofollow)", "link_up/secret.txt", 0, 0, 0);
  try_open("symlink middle: link_root/etc/passwd", "link_root/etc/passwd", FOLLOW, 0, 0);
  try_open("symlink middle: link_up as a directory", "link_up", FOLLOW, __WASI_OFLAGS_DIRECTORY, 0);

  /* A symlink out at the last component, with and without O_NOFOLLOW. */
  try_open("symlink last: link_secret (follow)", "link_secret", FOLLOW, 0, 0);
  try_open("symlink last: link_secret (nofollow)", "link_secret", 0, 0, 0);
  try_open("symlink last: sub/link_upup (follow)", "sub/link_upup", FOLLOW, 0, 0);
  try_open("symlink last: link_root (follow)", "link_root", FOLLOW, __WASI_OFLAGS_DIRECTORY, 0);
  try_open("symlink last: create through link_secret", "link_secret", FOLLOW, __WASI_OFLAGS_CREAT, 0);
  try_open("symlink middle: create link_up/new.txt", "link_up/new.txt", FOLLOW, __WASI_OFLAGS_CREAT, 0);

  /* A symlink loop. */
  try_open("loop: loop_a (follow)", "loop_a", FOLLOW, 0, 0);
  try_open("loop: loop_a/x", "loop_a/x", FOLLOW, 0, 0);

  /* Metadata through a link out: stat following it is refused. */
  __wasi_filestat_t st;
  attempt("filestat: link_secret (follow)", __wasi_path_filestat_get(root, FOLLOW, "link_secret", &st));
  attempt("filestat: ../outside/secret.txt", __wasi_path_filestat_get(root, 0, "../outside/secret.txt", &st));
  attempt("filestat: link_up/secret.txt", __wasi_path_filestat_get(root, 0, "link_up/secret.txt", &st));

  /* Hard links out, either way. */
  attempt("link: ../outside/secret.txt -> stolen1", __wasi_path_link(root, 0, "../outside/secret.txt", root, "stolen1"));
  attempt("link: link_secret (follow) -> stolen2", __wasi_path_link(root, FOLLOW, "link_secret", root, "stolen2"));
  attempt("link: link_up/secret.txt -> stolen3", __wasi_path_link(root, 0, "link_up/secret.txt", root, "stolen3"));
  attempt("link: file.txt -> ../outside/planted", __wasi_path_link(root, 0, "file.txt", root, "../outside/planted"));

  /* Rename out of the preopen, and in from outside. */
  attempt("rename: file.txt -> ../outside/moved.txt", __wasi_path_rename(root, "file.txt", root, "../outside/moved.txt"));
  attempt("rename: file.txt -> link_up/moved.txt", __wasi_path_rename(root, "file.txt", root, "link_up/moved.txt"));
  attempt("rename: ../outside/secret.txt -> taken.txt", __wasi_path_rename(root, "../outside/secret.txt", root, "taken.txt"));

  /* Creating and removing outside. */
  attempt("mkdir: ../outside/newdir", __wasi_path_create_directory(root, "../outside/newdir"));
  attempt("mkdir: link_up/newdir", __wasi_path_create_directory(root, "link_up/newdir"));
  attempt("unlink: ../outside/secret.txt", __wasi_path_unlink_file(root, "../outside/secret.txt"));
  attempt("unlink: link_up/secret.txt", __wasi_path_unlink_file(root, "link_up/secret.txt"));
  attempt("symlink: ../outside/made -> file.txt", __wasi_path_symlink("file.txt", root, "../outside/made"));

  /* A symlink the program makes itself that points out: making it may be
   * allowed (it is only a name), following it must not be. */
  __wasi_errno_t made = __wasi_path_symlink("../outside/secret.txt", root, "made_out");
  printf("symlink: make made_out -> ../outside/secret.txt: %s\n", made == 0 ? "made" : errname(made));
  if (made == 0) try_open("symlink made: made_out (follow)", "made_out", FOLLOW, 0, 0);
  return 0;
}
