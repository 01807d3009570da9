#ifndef DRIFTWATCH_CLINEARALGEBRA_SHIM_H
#define DRIFTWATCH_CLINEARALGEBRA_SHIM_H

#include <stddef.h>
#include <cblas.h>

/*
 * liblapack-dev ships no C header, so the few Fortran routines driftwatch calls are declared here.
 * gfortran passes the length of every CHARACTER argument as a hidden trailing size_t; omitting those
 * arguments breaks under gfortran's sibling-call optimisation, so they are declared and always passed.
 */

void dpotrf_(const char *uplo, const int *n, double *a, const int *lda, int *info, size_t uplo_len);

void dpotrs_(const char *uplo, const int *n, const int *nrhs, const double *a, const int *lda,
             double *b, const int *ldb, int *info, size_t uplo_len);

void dsyevd_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda, double *w,
             double *work, const int *lwork, int *iwork, const int *liwork, int *info,
             size_t jobz_len, size_t uplo_len);

void dgesdd_(const char *jobz, const int *m, const int *n, double *a, const int *lda, double *s,
             double *u, const int *ldu, double *vt, const int *ldvt, double *work, const int *lwork,
             int *iwork, int *info, size_t jobz_len);

#endif
