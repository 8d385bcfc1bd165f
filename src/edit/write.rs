//! A new plan file written from the plan model, in the order officers read it.
