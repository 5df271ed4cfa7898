# case: as stack_slot_never_written.s for an unprivileged loader, where reading stack bytes never written is an error
# type: socket_filter
# args: --unprivileged
# expect: uninit.stack @ insn 0
# kernel: reject
        .section socket,"ax"
        r0 = *(u64 *)(r10 - 16)
        r0 &= 1
        exit

        .section license,"aw"
        .asciz "GPL"
