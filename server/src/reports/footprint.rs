//! Size-frequency footprints of stone weights and their comparison with a reference.
