import { useMutation } from '@tanstack/react-query';
import { api } from './http';
import type { FormJsSchema, ValidateResult } from '../../../contract';

/** `POST /api/processes/validate` `{ xml, forms? }`: compiles the diagram without deploying it. */
export const useValidateProcess = () =>
  useMutation({
    mutationFn: (body: { xml: string; forms?: Record<string, FormJsSchema> }) => api<ValidateResult>('/api/processes/validate', { method: 'POST', json: body }),
  });
