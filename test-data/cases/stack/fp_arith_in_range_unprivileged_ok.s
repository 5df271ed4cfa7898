# case: without CAP_BPF a stack pointer moved by constants is fine while it stays inside the frame (sanitize_check_bounds)
# type: socket_filter
# args: --unprivileged
# kernel: accept
# expect: pass
        .section socket,"ax"
prog:
        r1 = r10
        r1 += -16
        r1 += 8
        r0 = 0
        *(u64 *)(r1 + 0) = r0
        exit

        .section license,"aw"
        .asciz  "GPL"
