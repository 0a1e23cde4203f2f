import type { FastifySerializerCompiler } from 'fastify';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { $ZodType } from 'zod/v4/core';
import { compileCheckedJson } from './checked-json';

type RouteSchema = Parameters<typeof zodSerializerCompiler>[0]['schema'];

/**
 * Every response checked against its route's zod schema before it is sent, as the type
 * provider's serializer does, but written in one pass where the schema allows it (checked-json.ts):
 * a value zod would refuse still goes to zod's serializer, which answers with its own error.
 */
export const responseSerializerCompiler: FastifySerializerCompiler<RouteSchema> = (route) => {
  const viaZod = zodSerializerCompiler(route);
  const schema = route.schema instanceof $ZodType ? route.schema : 'properties' in route.schema && route.schema.properties instanceof $ZodType ? route.schema.properties : undefined;
  const checked = schema && compileCheckedJson(schema);
  if (!checked) return viaZod;
  return (data) => checked(data) ?? viaZod(data);
};
