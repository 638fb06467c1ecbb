package sim

import "context"

func SeedDemo(ctx context.Context, env *Env) error { return nil }
