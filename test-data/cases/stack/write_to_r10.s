# case: hand-written code "allocates" stack by moving the frame pointer; r10 is read-only
# type: xdp
# expect: pointer.arithmetic @ insn 0
# kernel: reject
# xfail: bpfcheck accepts any write to r10: executor_alu.cpp treats r10 like any other register (here stack pointer + scalar); the kernel rejects every instruction that writes R10 ("frame pointer is read only", check_reg_arg). No check id names this exactly; pointer.arithmetic is the closest
        .section xdp,"ax"
        r10 += -64
        r1 = 0
        *(u64 *)(r10 - 8) = r1
        r0 = 2
        exit

        .section license,"aw"
        .asciz "GPL"
