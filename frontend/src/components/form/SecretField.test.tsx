import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useForm } from 'react-hook-form';
import { SecretField } from './SecretField';

function Form({ set, onSubmit, error }: { set: boolean; onSubmit: (values: { token: string }) => void; error?: string }) {
  const { register, handleSubmit } = useForm({ defaultValues: { token: '' } });
  return (
    <form onSubmit={handleSubmit(onSubmit)}>
      <SecretField
        label="Access token"
        set={set}
        hint={set ? 'Type a new one to replace it.' : 'Paste it here.'}
        error={error}
        registration={register('token')}
        action={set && <button type="button">Remove</button>}
      />
      <button type="submit">Save</button>
    </form>
  );
}

describe('SecretField', () => {
  it('never shows the stored secret, says that one is stored and what typing does', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn();
    render(<Form set onSubmit={onSubmit} />);

    const input = screen.getByLabelText('Access token');
    expect(input).toHaveAttribute('type', 'password');
    expect(input).toHaveAttribute('autocomplete', 'new-password');
    expect(input).toHaveValue('');
    expect(input).toHaveAccessibleDescription('Set Type a new one to replace it.');
    expect(screen.getByRole('button', { name: 'Remove' })).toBeInTheDocument();

    await user.type(input, 's3cret');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSubmit.mock.calls[0]?.[0]).toEqual({ token: 's3cret' });
  });

  it('says when none is stored, and shows an error in place of the hint', () => {
    const { rerender } = render(<Form set={false} onSubmit={vi.fn()} />);
    expect(screen.getByLabelText('Access token')).toHaveAccessibleDescription('Not set Paste it here.');
    expect(screen.queryByRole('button', { name: 'Remove' })).not.toBeInTheDocument();

    rerender(<Form set={false} onSubmit={vi.fn()} error="This is too long." />);
    expect(screen.getByLabelText('Access token')).toHaveAccessibleDescription('This is too long.');
    expect(screen.getByLabelText('Access token')).toHaveAttribute('aria-invalid', 'true');
  });
});
