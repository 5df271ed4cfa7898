# case: without CAP_BPF the kernel loads at most BPF_MAXINSNS (4096) instructions (bpf_prog_load: E2BIG); this program has 4098
# type: socket_filter
# args: --unprivileged
# kernel: accept
# kernel-differs: the kernel test keeps CAP_BPF (it drops only CAP_SYS_ADMIN and CAP_PERFMON), with which up to 1,000,000 instructions load; bpfcheck --unprivileged models a loader without CAP_BPF, which bpf_prog_load refuses (E2BIG)
# expect: cfg.too_large @ insn 0
        .section socket,"ax"
prog:
        .rept 4097
        r0 = 0
        .endr
        exit

        .section license,"aw"
        .asciz  "GPL"
