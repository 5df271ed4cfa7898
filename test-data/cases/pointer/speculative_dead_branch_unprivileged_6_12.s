# case: without CAP_BPF Linux 6.12 also verifies the branch a decided jump never takes, as a speculative path with the compared registers unknown (check_cond_jmp_op, sanitize_speculative_path), and refuses the program for the fault there: r7 (0) dereferenced (R7 invalid mem access 'scalar')
# type: socket_filter
# args: --unprivileged --kernel 6.12
# kernel: accept
# kernel-differs: the target is Linux 6.12; since 6.17 (the running kernel is newer) the kernel puts a speculation barrier before a fault on a speculative path instead of refusing ("Fall back to nospec for Spectre v1")
# expect: pointer.not_pointer @ insn 4
        .section socket,"ax"
prog:
        w7 = 0
        w7 &= 1
        w0 = w7
        if r0 == 0 goto out
        r0 = *(u64 *)(r7 + 0)
out:
        exit

        .section license,"aw"
        .asciz  "GPL"
