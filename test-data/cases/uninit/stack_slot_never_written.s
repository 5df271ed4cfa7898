# case: an 8-byte stack slot is read without ever being written (allowed for root, a warning)
# type: xdp
# expect: uninit.stack @ insn 0
# kernel: accept
        .section xdp,"ax"
        r0 = *(u64 *)(r10 - 16)
        r0 &= 1
        r0 += 1
        exit

        .section license,"aw"
        .asciz "GPL"
