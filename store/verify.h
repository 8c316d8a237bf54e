/* verify.h — what the verifying files share (audit_verify.c, verify_chain.c, mirror.c):
 * the first-parent chain of commits as a list from the root, and the whole-chain check.
 * Nothing outside store/ includes this. */
#ifndef STORE_VERIFY_H
#define STORE_VERIFY_H
#include "store/internal.h"

/* The first-parent chain ending at tip, oldest first: (*oids)[i] should carry event
 * i + 1. Free *oids with free(). */
int chain_collect(struct store *s, git_repository *repo, const git_oid *tip, git_oid **oids,
                  long *n);

/* Step id to commit c's first parent and free c: 1 when it had one, 0 at the root. */
int chain_first_parent(git_commit *c, git_oid *id);

/* The event a commit carries (its last Bangfu-Event line), 0 if it cannot be read. */
long chain_event_of(git_repository *repo, const git_oid *id);

/* Walk every commit of the chain ending at head from the root: each must be its event's
 * commit (event id, author, time, message, recorded commit id, and a tree that is the
 * parent's with exactly the event's files applied), and the database may hold no event
 * past the chain. Stops at the first event where the two part, printing what differs;
 * counts problems into *problems. The database must be read in one snapshot. */
int chain_verify(struct store *s, const git_oid *head, FILE *report, long *problems,
                 long *events);

/* Read "bangfu-head N:ID" or "N:ID" (ID of 7 to 40 hex digits): 0, or -1 if malformed,
 * which mirror_head_invalid says (returning STORE_EINVAL). */
int mirror_head_parse(const char *line, long *event, char *hex, size_t n);
int mirror_head_invalid(struct store *s, const char *line);

/* A remote's connection (mirror.c; also aggregate.c, which fetches county histories). */
struct remote_ctx { struct store *s; int tries; char status[256]; };
/* Connect to url (a path, file:// or ssh://) and read where its main is (*has = 0: it has
 * none); free *r with git_remote_free. */
int remote_main(struct store *s, const char *url, struct remote_ctx *ctx, git_remote **r,
                git_oid *main, int *has);
/* Bring the remote's main and its history into the local object database (no ref is
 * written). */
int remote_download(struct store *s, git_remote *r, struct remote_ctx *ctx, const char *url);

/* The mirror checks of `audit verify` (mirror.c): --against REMOTE and --head N:ID. */
int mirror_check_against(struct store *s, const git_oid *head, const char *remote,
                         FILE *report, long *problems);
int mirror_check_head(struct store *s, const git_oid *head, const char *line, FILE *report,
                      long *problems);

#endif
