/* fuzz_csv.c — libFuzzer target for the CSV reader and writer.
 * Properties checked on any input:
 *   - every csv_read call that returns a record or an error moves forward, and the
 *     line numbers never go backwards (no hang, no lost position);
 *   - fields are NUL-terminated strings of the record (ASan checks the memory);
 *   - round trip: writing the records that were read and reading that output back
 *     gives the same records, field for field, with no error. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/csv.h"

static void check(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_csv: property failed: %s\n", what);
		abort();
	}
}

static void write_record(struct csv_out *o, const struct csv_record *rec)
{
	for (int i = 0; i < rec->nfields; i++)
		check(csv_put_field(o, rec->fields[i], i == 0) == 0, "csv_put_field");
	check(csv_end_row(o) == 0, "csv_end_row");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv_reader r, back;
	struct csv_record rec = {0}, rec2 = {0};
	struct csv_out out = {0};
	char err[128];
	int rc;
	long last_line = 0;

	/* Pass 1: read everything, write back the good records. */
	csv_reader_init(&r, (const char *)data, size);
	for (;;) {
		size_t pos = r.pos;
		rc = csv_read(&r, &rec, err, sizeof err);
		if (rc == 0)
			break;
		check(r.pos > pos && r.pos <= r.len, "reader advances");
		if (rc < 0) {
			check(strncmp(err, "line ", 5) == 0, "error names a line");
			check(r.err_line >= 1 && r.err_line <= r.line, "err_line");
			continue;
		}
		check(rec.nfields >= 1, "a record has a field");
		check(rec.line >= 1 && rec.line >= last_line && rec.line <= r.line, "line order");
		last_line = rec.line;
		for (int i = 0; i < rec.nfields; i++)
			check(memchr(rec.fields[i], '\0', size + 1) != NULL, "field terminated");
		write_record(&out, &rec);
	}
	check(rec.nfields == 0, "end clears the record");

	/* Pass 2: the writer's output reads back as the same records. */
	csv_reader_init(&r, (const char *)data, size);
	csv_reader_init(&back, out.buf, out.len);
	for (;;) {
		rc = csv_read(&r, &rec, err, sizeof err);
		if (rc < 0)
			continue;
		int rc2 = csv_read(&back, &rec2, err, sizeof err);
		if (rc == 0) {
			check(rc2 == 0, "no extra records after round trip");
			break;
		}
		check(rc2 == 1, "round trip reads a record");
		check(rec.nfields == rec2.nfields, "round trip field count");
		for (int i = 0; i < rec.nfields; i++)
			check(strcmp(rec.fields[i], rec2.fields[i]) == 0, "round trip field text");
	}
	csv_record_free(&rec);
	csv_record_free(&rec2);
	csv_out_free(&out);
	return 0;
}
