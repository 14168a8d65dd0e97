/*
 * The unit tests' entry point: runs each file's tests and ends with
 * "N passed, N failed".
 */
#include <libxml/parser.h>
#include <stdio.h>

#include "harness.h"

int	 t_passed, t_failed;

int
main(void)
{
	xmlInitParser();
	test_embed();
	test_date();
	test_date_ahead();
	test_workdays();
	test_front();
	test_vocab();
	test_scan();
	test_review();
	test_index();
	test_month();
	test_check();
	test_attach();
	test_template();
	test_template_cache();
	test_template_own();
	test_mime();
	test_follow();
	printf("%d passed, %d failed\n", t_passed, t_failed);
	return t_failed != 0;
}
