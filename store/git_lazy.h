/* git_lazy.h — libgit2, loaded only when the history is touched (store/lazylib.h).
 * bangfu does not link libgit2: loading it and the twenty libraries it needs (krb5,
 * OpenSSL, mbedTLS, ssh2, pcre2, ...) cost every process several milliseconds,
 * read-only commands included. audit_open (store/audit.c) loads it, by the soname of
 * the libgit2 the build found through pkg-config (GIT2_SONAME), before
 * git_libgit2_init(); the headers are libgit2's own, so every call is type-checked.
 *
 * A libgit2 function the store calls must be listed here (the link fails otherwise:
 * there is no -lgit2). Include this header, never <git2.h> directly. */
#ifndef STORE_GIT_LAZY_H
#define STORE_GIT_LAZY_H
#include "store/lazylib.h"
#include <git2.h>
#include <git2/sys/mempack.h>
#include <git2/sys/odb_backend.h>
#include <stddef.h>

#define GIT_LAZY_FUNCS(X) \
	X(git_blob_create_from_buffer) \
	X(git_blob_free) \
	X(git_blob_lookup) \
	X(git_blob_rawcontent) \
	X(git_blob_rawsize) \
	X(git_buf_dispose) \
	X(git_commit_author) \
	X(git_commit_committer) \
	X(git_commit_create) \
	X(git_commit_free) \
	X(git_commit_id) \
	X(git_commit_lookup) \
	X(git_commit_message) \
	X(git_commit_message_raw) \
	X(git_commit_owner) \
	X(git_commit_parent) \
	X(git_commit_parent_id) \
	X(git_commit_parentcount) \
	X(git_commit_tree) \
	X(git_commit_tree_id) \
	X(git_config_free) \
	X(git_config_open_level) \
	X(git_config_set_bool) \
	X(git_credential_ssh_key_from_agent) \
	X(git_credential_ssh_key_new) \
	X(git_diff_free) \
	X(git_diff_get_delta) \
	X(git_diff_num_deltas) \
	X(git_diff_options_init) \
	X(git_diff_to_buf) \
	X(git_diff_tree_to_tree) \
	X(git_error_last) \
	X(git_error_set_str) \
	X(git_fetch_options_init) \
	X(git_graph_descendant_of) \
	X(git_libgit2_init) \
	X(git_libgit2_opts) \
	X(git_libgit2_shutdown) \
	X(git_mempack_new) \
	X(git_mempack_reset) \
	X(git_odb_add_backend) \
	X(git_odb_backend_one_pack) \
	X(git_odb_exists) \
	X(git_odb_foreach) \
	X(git_odb_free) \
	X(git_odb_hash) \
	X(git_odb_new) \
	X(git_odb_refresh) \
	X(git_oid_cmp) \
	X(git_oid_cpy) \
	X(git_oid_equal) \
	X(git_oid_fromraw) \
	X(git_oid_fromstr) \
	X(git_oid_tostr) \
	X(git_oid_tostr_s) \
	X(git_packbuilder_free) \
	X(git_packbuilder_insert) \
	X(git_packbuilder_insert_walk) \
	X(git_packbuilder_name) \
	X(git_packbuilder_new) \
	X(git_packbuilder_object_count) \
	X(git_packbuilder_set_callbacks) \
	X(git_packbuilder_set_threads) \
	X(git_packbuilder_write) \
	X(git_patch_free) \
	X(git_patch_from_blobs) \
	X(git_patch_to_buf) \
	X(git_push_options_init) \
	X(git_reference_create) \
	X(git_reference_create_matching) \
	X(git_reference_free) \
	X(git_reference_name_to_id) \
	X(git_remote_connect) \
	X(git_remote_create_options_init) \
	X(git_remote_create_with_opts) \
	X(git_remote_disconnect) \
	X(git_remote_download) \
	X(git_remote_free) \
	X(git_remote_init_callbacks) \
	X(git_remote_ls) \
	X(git_remote_push) \
	X(git_repository_config) \
	X(git_repository_free) \
	X(git_repository_init_ext) \
	X(git_repository_init_options_init) \
	X(git_repository_odb) \
	X(git_repository_open_bare) \
	X(git_revwalk_free) \
	X(git_revwalk_hide) \
	X(git_revwalk_new) \
	X(git_revwalk_next) \
	X(git_revwalk_push) \
	X(git_revwalk_push_ref) \
	X(git_revwalk_simplify_first_parent) \
	X(git_revwalk_sorting) \
	X(git_signature_free) \
	X(git_signature_new) \
	X(git_tree_create_updated) \
	X(git_tree_dup) \
	X(git_tree_entry_byindex) \
	X(git_tree_entry_byname) \
	X(git_tree_entry_bypath) \
	X(git_tree_entry_filemode) \
	X(git_tree_entry_free) \
	X(git_tree_entry_id) \
	X(git_tree_entry_name) \
	X(git_tree_entry_type) \
	X(git_tree_entrycount) \
	X(git_tree_free) \
	X(git_tree_id) \
	X(git_tree_lookup) \
	X(git_tree_walk) \
	X(git_treebuilder_free) \
	X(git_treebuilder_new) \
	X(git_treebuilder_write) \
	/* end */

struct git_lazy {
	GIT_LAZY_FUNCS(LAZYLIB_MEMBER)
};

/* Load libgit2 and resolve the table, once per process; 0, or -1 with a message. */
int git_lazy_load(char *err, size_t errlen);
/* The table (loading it if need be; see lazylib_table). */
const struct git_lazy *git_lazy_fns(void);
/* Load it on a thread of its own meanwhile / wait for that thread (lazylib_preload). */
void git_lazy_preload(void);
void git_lazy_settle(void);
/* Load it and make git_libgit2_init() (git_lazy_init's way) on that thread /
 * wait for that thread and shut down an init of its that no git_lazy_init adopted. */
void git_lazy_expect(void);
void git_lazy_release(void);
/* libgit2 loaded, or being loaded by git_lazy_expect's thread (lazylib_coming). */
int git_lazy_coming(void);

/* git_libgit2_init() without its parse of the CA bundle (store/git_lazy.c says how):
 * what it returns. git_lazy_tls() does that parse, into the same chain, before the
 * first network connection; 0, or -1 with libgit2's error set. */
int git_lazy_init(void);
int git_lazy_tls(void);

/* From here on every listed name is a call through the table. */
#ifndef GIT_LAZY_NO_NAMES
#include "git_lazy_defs.h"
#endif
#endif
