/* The pod sandbox's process (the "pause" container): holds the pod's namespaces, reaps orphaned children, and exits 0
 * on SIGTERM or SIGINT, as Kubernetes' build/pause/linux/pause.c does. Built with gcc -static -Os by PauseImage. */
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

static void stop(int sig) {
  (void) sig;
  _exit(0);
}

static void reap(int sig) {
  (void) sig;
  while (waitpid(-1, NULL, WNOHANG) > 0) {
  }
}

int main(void) {
  struct sigaction term = {.sa_handler = stop};
  struct sigaction child = {.sa_handler = reap, .sa_flags = SA_NOCLDSTOP | SA_RESTART};
  sigaction(SIGINT, &term, NULL);
  sigaction(SIGTERM, &term, NULL);
  sigaction(SIGCHLD, &child, NULL);
  for (;;) {
    pause();
  }
}
