# case: a 4-byte store initialises half of an 8-byte slot, then the whole slot is loaded
# type: xdp
# expect: uninit.stack @ insn 2
# kernel: accept
        .section xdp,"ax"
        r1 = 7
        *(u32 *)(r10 - 8) = r1
        r0 = *(u64 *)(r10 - 8)
        r0 &= 1
        r0 += 1
        exit

        .section license,"aw"
        .asciz "GPL"
