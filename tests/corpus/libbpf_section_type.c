/* libbpf_section_type: for each ELF section name given, print the program type
 * libbpf itself infers from it, as "SECTION<TAB>TYPE" (TYPE spelled by
 * libbpf_bpf_prog_type_str), or "SECTION<TAB>-<TAB>REASON" when libbpf does
 * not know the name. The corpus oracle test compares bpfcheck's inference
 * with this answer. Exit status 0, or 2 on bad usage. */
#include <bpf/libbpf.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int quiet(enum libbpf_print_level level, const char* format, va_list args) {
    (void)level;
    (void)format;
    (void)args;
    return 0;
}

int main(int argc, char** argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s SECTION...\n", argv[0]);
        return 2;
    }
    libbpf_set_print(quiet);
    for (int i = 1; i < argc; ++i) {
        enum bpf_prog_type type = BPF_PROG_TYPE_UNSPEC;
        enum bpf_attach_type attach = 0;
        const int err = libbpf_prog_type_by_name(argv[i], &type, &attach);
        if (err != 0) {
            const int code = err < 0 ? -err : err;
            printf("%s\t-\t%s\n", argv[i],
                   code == ESRCH     ? "libbpf does not know this section name"
                   : code == ENOTSUP ? "section handled by a custom libbpf handler"
                                     : strerror(code));
            continue;
        }
        const char* name = libbpf_bpf_prog_type_str(type);
        printf("%s\t%s\n", argv[i], name != NULL ? name : "-");
    }
    return 0;
}
