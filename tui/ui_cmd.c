/* ui_cmd.c — `:` runs a command-line verb inside the UI: the line is split into words
 * (quotes as in the shell: "..." and '...', backslash escapes), handed to the same
 * dispatch as `bangfu VERB ...` (cli_main, on this data directory, as this user), and
 * what it printed is shown in the pager with its exit status. Output is captured through
 * a temporary file on descriptors 1 and 2; curses writes nothing meanwhile. Every view
 * reads its data again afterwards, since a verb may have changed it. */
#include "tui/cli.h"
#include "core/i18n.h"
#include "tui/ui_view.h"
#include "tui/prompt.h"
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_WORDS 32
#define MAX_OUTPUT (4L << 20)

/* Split line in place into words; returns the count or -1 on an open quote. */
static int split_words(char *line, char **words, int max)
{
	int n = 0;
	char *in = line, *out = line;
	while (*in) {
		while (*in == ' ' || *in == '\t')
			in++;
		if (!*in)
			break;
		if (n == max)
			return -1;
		words[n++] = out;
		char quote = 0;
		while (*in && (quote || (*in != ' ' && *in != '\t'))) {
			if (!quote && (*in == '"' || *in == '\'')) {
				quote = *in++;
			} else if (quote && *in == quote) {
				quote = 0;
				in++;
			} else if (*in == '\\' && in[1] && quote != '\'') {
				in++;
				*out++ = *in++;
			} else {
				*out++ = *in++;
			}
		}
		if (quote)
			return -1;
		if (*in)
			in++;
		*out++ = '\0';
	}
	return n;
}

/* Run cli_main with stdout and stderr going to a temporary file; its text into out. */
static int run_captured(int argc, char **argv, struct buf *out)
{
	FILE *tmp = tmpfile();
	if (!tmp)
		return -1;
	fflush(stdout);
	fflush(stderr);
	int saved_out = dup(STDOUT_FILENO), saved_err = dup(STDERR_FILENO), saved_in = dup(STDIN_FILENO);
	int null_in = open("/dev/null", O_RDONLY | O_CLOEXEC);
	int code = -1;
	if (saved_out >= 0 && saved_err >= 0 && saved_in >= 0 && null_in >= 0 &&
	    dup2(fileno(tmp), STDOUT_FILENO) >= 0 && dup2(fileno(tmp), STDERR_FILENO) >= 0 &&
	    dup2(null_in, STDIN_FILENO) >= 0) {
		code = cli_main(argc, argv);
		fflush(stdout);
		fflush(stderr);
	}
	if (saved_out >= 0) { dup2(saved_out, STDOUT_FILENO); close(saved_out); }
	if (saved_err >= 0) { dup2(saved_err, STDERR_FILENO); close(saved_err); }
	if (saved_in >= 0) { dup2(saved_in, STDIN_FILENO); close(saved_in); }
	if (null_in >= 0)
		close(null_in);
	rewind(tmp);
	if (read_whole_file(tmp, out, MAX_OUTPUT) == 1)
		buf_adds(out, _("\n[output cut at 4 MiB: run the verb outside the UI for all of it]\n"));
	fclose(tmp);
	return code;
}

int ui_command(struct ui *ui)
{
	char line[1024] = "", copy[1024];
	char *words[MAX_WORDS], *argv[MAX_WORDS + 4];
	if (prompt_line(ui, ":", line, sizeof line, NULL) != PROMPT_OK)
		return REQ_DONE;
	snprintf(copy, sizeof copy, "%s", line);
	int n = split_words(copy, words, MAX_WORDS);
	if (n < 0) {
		ui_status(ui, 1, _("unbalanced quote or too many words: %s"), line);
		return -1;
	}
	if (n == 0)
		return REQ_DONE;
	if (words[0][0] == '-' && strcmp(words[0], "--help") != 0) {
		ui_status(ui, 1, _(":%s: give a verb (:list, :show H..., :audit log H...); options "
		          "such as -d are not taken here"), words[0]);
		return -1;
	}
	int argc = 0;
	argv[argc++] = "bangfu";
	argv[argc++] = "-d";
	argv[argc++] = (char *)ui->dir;
	for (int i = 0; i < n; i++)
		argv[argc++] = words[i];
	argv[argc] = NULL;
	struct buf out = {0};
	ui_status(ui, 0, _("running :%s ..."), line);
	ui_render(ui);
	int code = run_captured(argc, argv, &out);
	ui_changed(ui);
	if (code < 0) {
		buf_free(&out);
		ui_status(ui, 1, _(":%s: cannot capture its output"), line);
		return -1;
	}
	buf_addf(&out, _("\n[exit status %d: %s]\n"), code,
	         code == 0 ? _("done") : code == 1 ? _("refused or failed") : _("usage error"));
	char title[1100];
	snprintf(title, sizeof title, ":%s", line);
	int rc = buf_str(&out) ? view_pager_push(ui, title, out.s, PAGER_WRAP) : -1;
	buf_free(&out);
	ui_status(ui, code ? 1 : 0, _(":%s exited with status %d"), line, code);
	return rc;
}
