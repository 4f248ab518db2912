/*
 * podkata's pause: the infra process of a pod sandbox, written for the lab and built with
 * `gcc -static` into an image of one file. It does what chapter 5 describes:
 *   - SIGINT or SIGTERM: say why and exit 0, so stopping a sandbox is quick and clean;
 *   - SIGCHLD: reap every exited child (as PID 1 of a shared PID namespace, orphans end up
 *     here, and without this they would stay zombies);
 *   - otherwise sleep in pause() forever, using no CPU.
 * Built with -DNO_REAP it leaves out the SIGCHLD handler, to show the zombies it would leave.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void on_stop(int signo) {
  psignal(signo, "Shutting down, got signal");
  exit(0);
}

#ifndef NO_REAP
static void on_child(int signo) {
  (void)signo;
  /* Several children may have exited for one SIGCHLD: signals do not queue. */
  while (waitpid(-1, NULL, WNOHANG) > 0) {
  }
}
#endif

static int handle(int signo, void (*handler)(int), int flags) {
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = handler;
  action.sa_flags = flags;
  return sigaction(signo, &action, NULL);
}

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "-v") == 0) {
    printf("podkata pause\n");
    return 0;
  }
  /* Not fatal: pause is sometimes run outside a sandbox. */
  if (getpid() != 1) fprintf(stderr, "Warning: pause should be the first process\n");
  if (handle(SIGINT, on_stop, 0) < 0) return 1;
  if (handle(SIGTERM, on_stop, 0) < 0) return 2;
#ifndef NO_REAP
  if (handle(SIGCHLD, on_child, SA_NOCLDSTOP) < 0) return 3;
#endif
  for (;;) pause();
  fprintf(stderr, "Error: infinite loop terminated\n");
  return 42;
}
