/*
 * A tiny unit-test harness: CHECK counts and reports; each test file
 * provides one function that main.c calls.
 */
#ifndef HARNESS_H
#define HARNESS_H

#include <stdio.h>
#include <string.h>

extern int	 t_passed, t_failed;

#define CHECK(cond, ...) do {						\
	if (cond)							\
		t_passed++;						\
	else {								\
		t_failed++;						\
		printf("FAIL %s:%d: ", __FILE__, __LINE__);		\
		printf(__VA_ARGS__);					\
		printf("\n");						\
	}								\
} while (0)

#define CHECK_STR(got, want) do {					\
	const char *g_ = (got), *w_ = (want);				\
	CHECK(g_ != NULL && strcmp(g_, w_) == 0,			\
	    "got \"%s\", want \"%s\"", g_ ? g_ : "(null)", w_);		\
} while (0)

void	 test_embed(void);
void	 test_date(void);
void	 test_date_ahead(void);
void	 test_workdays(void);
void	 test_front(void);
void	 test_vocab(void);
void	 test_scan(void);
void	 test_review(void);
void	 test_index(void);
void	 test_month(void);
void	 test_check(void);
void	 test_attach(void);
void	 test_template(void);
void	 test_mime(void);
void	 test_follow(void);
void	 test_template_cache(void);
void	 test_template_own(void);

#endif
