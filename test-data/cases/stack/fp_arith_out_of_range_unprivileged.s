# case: without CAP_BPF a stack pointer may not be moved out of the frame, even if it is moved back before it is used (sanitize_check_bounds: R1 stack pointer arithmetic goes out of range, prohibited for !root)
# type: socket_filter
# args: --unprivileged
# kernel: reject
# expect: pointer.arithmetic @ insn 2
        .section socket,"ax"
prog:
        r1 = r10
        r1 += -8
        r1 += 16
        r1 += -16
        r0 = 0
        *(u64 *)(r1 + 0) = r0
        exit

        .section license,"aw"
        .asciz  "GPL"
